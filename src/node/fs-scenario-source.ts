/**
 * Scenario files on disk: a path, or a name looked up in `scenarios/` (the user's, then standin's).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { basename, extname, join, resolve } from 'node:path'
import { isFile } from './is-file.js'
import { isScenarioName, type ScenarioSource } from '../scenarios/load.js'

const EXTENSIONS = ['.yaml', '.yml', '.json'] as const

export class FsScenarioSource implements ScenarioSource {
  readonly dirs: readonly string[]

  constructor(dirs: readonly string[]) {
    this.dirs = [...new Set(dirs.map((d) => resolve(d)))]
  }

  /** The file a reference points to, or undefined. */
  resolve(ref: string): string | undefined {
    if (isFile(ref)) return resolve(ref)
    for (const dir of this.dirs) {
      for (const ext of ['', ...EXTENSIONS]) {
        const candidate = join(dir, ref + ext)
        if (isFile(candidate)) return candidate
      }
    }
    return undefined
  }

  read(ref: string): { file: string; text: string } {
    const file = this.resolve(ref)
    if (!file)
      throw new Error(`Scenario "${ref}" was not found (looked for a file and in scenarios/).`)
    return { file, text: readFileSync(file, 'utf8') }
  }

  readNamed(name: string): { file: string; text: string } {
    const file = isScenarioName(name) ? this.#inLibrary(name) : undefined
    if (!file) throw new Error(`Scenario "${name}" is not in the scenario library.`)
    return { file, text: readFileSync(file, 'utf8') }
  }

  /** `name` with one of the scenario extensions, in the library folders only. */
  #inLibrary(name: string): string | undefined {
    for (const dir of this.dirs) {
      for (const ext of EXTENSIONS) {
        const candidate = join(dir, name + ext)
        if (isFile(candidate)) return candidate
      }
    }
    return undefined
  }

  names(): string[] {
    const names = new Set<string>()
    for (const dir of this.dirs) {
      if (!existsSync(dir)) continue
      for (const file of readdirSync(dir)) {
        const ext = extname(file)
        if ((EXTENSIONS as readonly string[]).includes(ext) && file !== 'schema.json')
          names.add(basename(file, ext))
      }
    }
    return [...names].sort()
  }
}
