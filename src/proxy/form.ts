/**
 * `application/x-www-form-urlencoded` bodies, edited in place: only the pairs that change are
 * re-encoded, so everything else (PHP array keys such as `records[0]`, the client's own escaping)
 * reaches the upstream byte for byte.
 */
import { concatBytes, fromUtf8, utf8 } from '../core/bytes.js'

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

const AMP = 0x26
const EQUALS = 0x3d
const PERCENT = 0x25
const PLUS = 0x2b

/**
 * Replaces the value of every pair named `name` (PHP keeps the last one; all are replaced), in the
 * bytes: nothing is decoded but the names, and every other byte reaches the upstream as sent.
 */
export function replaceFormField(body: Uint8Array, name: string, value: string): Uint8Array {
  const wanted = utf8(name)
  let replacement: Uint8Array | undefined
  const chunks: Uint8Array[] = []
  let kept = 0
  for (let start = 0; start <= body.length;) {
    let end = body.indexOf(AMP, start)
    if (end === -1) end = body.length
    let keyEnd = body.indexOf(EQUALS, start)
    if (keyEnd === -1 || keyEnd > end) keyEnd = end
    if (namedBy(body, start, keyEnd, wanted, name)) {
      replacement ??= utf8(`=${encodeURIComponent(value)}`)
      chunks.push(body.subarray(kept, keyEnd), replacement)
      kept = end
    }
    start = end + 1
  }
  if (chunks.length === 0) return body
  chunks.push(body.subarray(kept))
  return concatBytes(chunks)
}

/** Whether the pair's key `body[start, end)` decodes to `name` (`wanted`: its UTF-8 bytes). */
function namedBy(
  body: Uint8Array,
  start: number,
  end: number,
  wanted: Uint8Array,
  name: string,
): boolean {
  let plain = true
  for (let i = start; i < end; i++) {
    const byte = body[i]
    if (byte === PERCENT || byte === PLUS) {
      plain = false
      break
    }
  }
  if (!plain) return decode(fromUtf8(body.subarray(start, end))) === name
  if (end - start !== wanted.length) return false
  for (let i = 0; i < wanted.length; i++) if (body[start + i] !== wanted[i]) return false
  return true
}
