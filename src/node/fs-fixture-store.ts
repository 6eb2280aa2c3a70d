/**
 * FixtureStore over node:fs. Reads look in each root in turn (the user's `fixtures/` first, then
 * the ones standin ships); writes (recordings) go to the first root.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, isAbsolute, join, relative, resolve } from 'node:path'
import { isFile } from './is-file.js'
import type { FixtureStore } from '../core/fixtures.js'

export class FsFixtureStore implements FixtureStore {
  readonly roots: readonly string[]

  constructor(roots: readonly string[]) {
    this.roots = [...new Set(roots.map((r) => resolve(r)))]
  }

  readText(path: string): string {
    return readFileSync(this.#find(path), 'utf8')
  }

  readBytes(path: string): Uint8Array {
    return readFileSync(this.#find(path))
  }

  exists(path: string): boolean {
    return this.roots.some((root) => isFile(this.#within(root, path)))
  }

  list(dir: string): string[] {
    const names = new Set<string>()
    for (const root of this.roots) {
      const full = this.#within(root, dir)
      if (!existsSync(full)) continue
      try {
        for (const name of readdirSync(full)) names.add(name)
      } catch {
        // not a directory in this root
      }
    }
    return [...names].sort()
  }

  write(path: string, data: string | Uint8Array): void {
    const root = this.roots[0]
    if (root === undefined) throw new Error('No fixture root to write to.')
    const full = this.#within(root, path)
    // Recordings are what is written: real answers, readable by their owner only.
    mkdirSync(dirname(full), { recursive: true, mode: 0o700 })
    writeFileSync(full, data, { mode: 0o600 })
    chmodSync(full, 0o600)
  }

  #find(path: string): string {
    for (const root of this.roots) {
      const full = this.#within(root, path)
      if (isFile(full)) return full
    }
    throw new Error(
      `Fixture "${path}" was not found under ${this.roots.map((r) => relative(process.cwd(), r) || '.').join(' or ')}.`,
    )
  }

  /** Joins and refuses paths that climb out of the root. */
  #within(root: string, path: string): string {
    const full = resolve(join(root, path))
    const rel = relative(root, full)
    if (rel.startsWith('..') || isAbsolute(rel))
      throw new Error(`Fixture path "${path}" leaves fixtures/.`)
    return full
  }
}
