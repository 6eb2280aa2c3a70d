/**
 * The dashboard's static files, read once per process, when the dashboard is first asked for (a
 * start does not wait for them). They sit beside the compiled admin code
 * (`dist/admin/dashboard/`, copied there by the build) or, when run from source, in
 * `src/admin/dashboard/`: the same relative place either way.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { DashboardFiles } from '../admin/dashboard.js'
import { onFirstUse } from '../core/first-use.js'
import { isFile } from './is-file.js'

export const DASHBOARD_DIR = fileURLToPath(new URL('../admin/dashboard/', import.meta.url))

let cached: DashboardFiles | undefined

/**
 * Every file directly in `dir`, read on the first look into the map; an empty map when the folder
 * is missing (the route then says so).
 */
export function readDashboardFiles(dir = DASHBOARD_DIR): DashboardFiles {
  if (dir === DASHBOARD_DIR && cached) return cached
  const files = new FolderFiles(onFirstUse(() => readFolder(dir)))
  if (dir === DASHBOARD_DIR) cached = files
  return files
}

function readFolder(dir: string): Map<string, string> {
  const files = new Map<string, string>()
  let names: string[] = []
  try {
    names = readdirSync(dir)
  } catch {
    // no dashboard folder: a build that skipped the copy step
  }
  for (const name of names) {
    const path = join(dir, name)
    if (isFile(path)) files.set(name, readFileSync(path, 'utf8'))
  }
  return files
}

/** A read-only map whose contents are read on first use. */
class FolderFiles implements ReadonlyMap<string, string> {
  readonly #files: () => ReadonlyMap<string, string>
  constructor(files: () => ReadonlyMap<string, string>) {
    this.#files = files
  }
  get size(): number {
    return this.#files().size
  }
  get(name: string): string | undefined {
    return this.#files().get(name)
  }
  has(name: string): boolean {
    return this.#files().has(name)
  }
  forEach(
    callback: (value: string, key: string, map: ReadonlyMap<string, string>) => void,
    thisArg?: unknown,
  ): void {
    this.#files().forEach((value, key) => {
      callback.call(thisArg, value, key, this)
    })
  }
  entries(): MapIterator<[string, string]> {
    return this.#files().entries()
  }
  keys(): MapIterator<string> {
    return this.#files().keys()
  }
  values(): MapIterator<string> {
    return this.#files().values()
  }
  [Symbol.iterator](): MapIterator<[string, string]> {
    return this.#files()[Symbol.iterator]()
  }
}
