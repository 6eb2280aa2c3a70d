/**
 * `application/x-www-form-urlencoded` bodies, edited in place: only the pairs that change are
 * re-encoded, so everything else (PHP array keys such as `records[0]`, the client's own escaping)
 * reaches the upstream byte for byte.
 */

export type Pair = readonly [string, string]

function decode(part: string): string {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '))
  } catch {
    return part
  }
}

export function parseForm(text: string): Pair[] {
  const pairs: Pair[] = []
  for (const piece of text.split('&')) {
    if (piece === '') continue
    const eq = piece.indexOf('=')
    const key = eq === -1 ? piece : piece.slice(0, eq)
    const value = eq === -1 ? '' : piece.slice(eq + 1)
    pairs.push([decode(key), decode(value)])
  }
  return pairs
}

/** Replaces the value of every pair named `name` (PHP keeps the last one; all are replaced). */
export function replaceFormField(text: string, name: string, value: string): string {
  return text
    .split('&')
    .map((piece) => {
      const eq = piece.indexOf('=')
      const key = eq === -1 ? piece : piece.slice(0, eq)
      return decode(key) === name ? `${key}=${encodeURIComponent(value)}` : piece
    })
    .join('&')
}
