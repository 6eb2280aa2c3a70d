/**
 * Epicollect5 keeps the project definition and mapping in MySQL `JSON` columns, and MySQL stores an
 * object's keys sorted by length and then bytewise. That is why the project export lists
 * `ref, name, slug, forms, access, ...` and each input `max, min, ref, type, group, ...`.
 *
 * @see https://dev.mysql.com/doc/refman/8.0/en/json.html ("normalization ... sorts the keys")
 */

function compareKeys(a: string, b: string): number {
  const byLength = byteLength(a) - byteLength(b)
  if (byLength !== 0) return byLength
  return a < b ? -1 : a > b ? 1 : 0
}

function byteLength(text: string): number {
  let n = 0
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0
    n += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4
  }
  return n
}

/**
 * A deep copy with every plain object's keys in MySQL JSON order. Other objects (a `PhpFloat`) are
 * values, kept as they are.
 */
export function inMysqlJsonOrder<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => inMysqlJsonOrder(item)) as T
  if (value === null || typeof value !== 'object') return value
  if (Object.getPrototypeOf(value) !== Object.prototype) return value
  const source = value as Record<string, unknown>
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(source).sort(compareKeys)) out[key] = inMysqlJsonOrder(source[key])
  return out as T
}
