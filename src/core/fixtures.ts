/**
 * The fixture port: providers read their data files (projects, entries, media, FHIR resources)
 * and recordings through this, never through `node:fs`. Paths are relative to `fixtures/`.
 */

export interface FixtureStore {
  readText(path: string): string
  readBytes(path: string): Uint8Array
  exists(path: string): boolean
  /** Names (not paths) of the files and folders directly inside `dir`, sorted. */
  list(dir: string): string[]
  write(path: string, data: string | Uint8Array): void
}

/** An in-memory store for tests and in-process use. */
export class MemoryFixtureStore implements FixtureStore {
  readonly #files = new Map<string, Uint8Array>()

  constructor(files: Readonly<Record<string, string | Uint8Array>> = {}) {
    for (const [path, data] of Object.entries(files)) this.write(path, data)
  }

  readText(path: string): string {
    return new TextDecoder().decode(this.readBytes(path))
  }

  readBytes(path: string): Uint8Array {
    const data = this.#files.get(normalize(path))
    if (!data) throw new Error(`Fixture "${path}" does not exist.`)
    return data
  }

  exists(path: string): boolean {
    return this.#files.has(normalize(path))
  }

  list(dir: string): string[] {
    const prefix = normalize(dir).replace(/\/?$/, '/')
    const names = new Set<string>()
    for (const path of this.#files.keys()) {
      if (!path.startsWith(prefix)) continue
      // A deeper path names the folder it sits in, as a directory listing would.
      names.add(path.slice(prefix.length).split('/')[0] ?? '')
    }
    return [...names].sort()
  }

  write(path: string, data: string | Uint8Array): void {
    this.#files.set(
      normalize(path),
      typeof data === 'string' ? new TextEncoder().encode(data) : data,
    )
  }
}

function normalize(path: string): string {
  return path.replace(/^\.?\//, '').replace(/\/+/g, '/')
}
