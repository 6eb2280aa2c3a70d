/**
 * POST parameters read the way PHP fills `$_POST`: `records[0]=1&records[]=2&records[x]=3` all
 * become one array in order of appearance (the index is irrelevant), a plain key repeated keeps its
 * last value, and flags are true only for `1` or (any case) `true` (REDCap `API/index.php`).
 */

export interface UploadedFile {
  readonly name: string
  readonly type: string
  readonly bytes: Uint8Array
}

type Value = string | string[]

/** `name[...]rest`: PHP's array syntax. */
const BRACKETED = /^([^[]+)\[[^\]]*\](.*)$/
/** Most calls upload nothing: they share one empty map. */
const NO_FILES: ReadonlyMap<string, UploadedFile> = new Map()

export class ApiParams {
  readonly #values = new Map<string, Value>()
  readonly files: ReadonlyMap<string, UploadedFile>

  constructor(entries: Iterable<readonly [string, string | UploadedFile]> = []) {
    let files: Map<string, UploadedFile> | undefined
    for (const [key, value] of entries) {
      if (typeof value === 'string') this.#add(key, value)
      else (files ??= new Map()).set(key.replace(/\[.*$/, ''), value)
    }
    this.files = files ?? NO_FILES
  }

  /**
   * An urlencoded form, as `URLSearchParams` reads it. A form with no `%`, no `+` and no leading
   * `?` has nothing to decode: it is cut at each `&` and first `=`, as that parser would cut it.
   */
  static fromForm(form: string): ApiParams {
    const params = new ApiParams()
    if (form.includes('%') || form.includes('+') || form.startsWith('?')) {
      new URLSearchParams(form).forEach((value, key) => {
        params.#add(key, value)
      })
      return params
    }
    for (let start = 0; start <= form.length;) {
      let end = form.indexOf('&', start)
      if (end === -1) end = form.length
      if (end > start) {
        const eq = form.indexOf('=', start)
        if (eq === -1 || eq > end) params.#add(form.slice(start, end), '')
        else params.#add(form.slice(start, eq), form.slice(eq + 1, end))
      }
      start = end + 1
    }
    return params
  }

  #add(key: string, value: string): void {
    // Only a key with a bracket can be an array: the others skip the pattern.
    const bracket = key.includes('[') ? BRACKETED.exec(key) : null
    if (!bracket?.[1]) {
      this.#values.set(key, value)
      return
    }
    const name = bracket[1]
    const existing = this.#values.get(name)
    if (Array.isArray(existing)) existing.push(value)
    else this.#values.set(name, [value])
  }

  has(name: string): boolean {
    return this.#values.has(name)
  }

  /** A scalar value; undefined when absent or sent as an array. */
  str(name: string): string | undefined {
    const value = this.#values.get(name)
    return typeof value === 'string' ? value : undefined
  }

  /** A scalar value trimmed, '' when absent. */
  text(name: string): string {
    return (this.str(name) ?? '').trim()
  }

  isArray(name: string): boolean {
    return Array.isArray(this.#values.get(name))
  }

  /** An array as sent, or a comma-separated string split and trimmed; empty items dropped. */
  list(name: string): string[] {
    const value = this.#values.get(name)
    if (value === undefined) return []
    const items = Array.isArray(value) ? value : value.split(',')
    return items.map((v) => v.trim()).filter((v) => v !== '')
  }

  /**
   * Every parameter but `omit`, as one string: equal for requests that ask the same thing, and
   * different for any others. Each name and value is written after its length, so no text inside
   * one can pass for a boundary: `4:type=4:flat`, array items each as `[5:item0`.
   */
  signature(omit: string): string {
    let out = ''
    for (const [key, value] of this.#values) {
      if (key === omit) continue
      out += `${String(key.length)}:${key}`
      if (typeof value === 'string') out += `=${String(value.length)}:${value}`
      else for (const item of value) out += `[${String(item.length)}:${item}`
    }
    return out
  }

  /** REDCap's boolean rule: only `1` or case-insensitive `true` is true. */
  flag(name: string): boolean {
    const value = this.str(name)
    return value !== undefined && (value === '1' || value.toLowerCase() === 'true')
  }
}
