/**
 * `application/x-www-form-urlencoded` bodies, edited in place: only the pairs that change are
 * re-encoded, so everything else (PHP array keys such as `records[0]`, the client's own escaping)
 * reaches the upstream byte for byte.
 */
import { fromUtf8, utf8 } from '../core/bytes.js'

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

/** A field name, with its UTF-8 bytes, to find it in bodies without decoding them. */
export interface FormFieldName {
  readonly name: string
  readonly bytes: Uint8Array
}

export function formFieldName(name: string): FormFieldName {
  return { name, bytes: utf8(name) }
}

/** `=<value>` as a form carries it, to put after a field's name. */
export function encodedFormValue(value: string): Uint8Array {
  return utf8(`=${encodeURIComponent(value)}`)
}

/**
 * Replaces the value of every pair named `field` (PHP keeps the last one; all are replaced) with
 * `replacement` (`encodedFormValue`), in the bytes: nothing is decoded but the names, and every other
 * byte reaches the upstream as sent. A body without the field is returned as it is.
 */
export function replaceFormField(
  body: Uint8Array,
  field: FormFieldName,
  replacement: Uint8Array,
): Uint8Array {
  // Each match as [end of its name, end of its pair].
  let matches: number[] | undefined
  let length = body.length
  for (let start = 0; start <= body.length;) {
    // The name runs to the first `=` or `&`; a `%` or `+` in it means it must be decoded.
    let keyEnd = start
    let plain = true
    for (; keyEnd < body.length; keyEnd++) {
      const byte = body[keyEnd]
      if (byte === EQUALS || byte === AMP) break
      if (byte === PERCENT || byte === PLUS) plain = false
    }
    let end = body[keyEnd] === AMP ? keyEnd : body.indexOf(AMP, keyEnd)
    if (end === -1) end = body.length
    if (
      plain ? sameBytes(body, start, keyEnd, field.bytes) : decodedIs(body, start, keyEnd, field)
    ) {
      ;(matches ??= []).push(keyEnd, end)
      length += replacement.length - (end - keyEnd)
    }
    start = end + 1
  }
  if (matches === undefined) return body
  const out = new Uint8Array(length)
  let from = 0
  let at = 0
  for (let i = 0; i < matches.length; i += 2) {
    const keyEnd = matches[i] as number
    out.set(body.subarray(from, keyEnd), at)
    at += keyEnd - from
    out.set(replacement, at)
    at += replacement.length
    from = matches[i + 1] as number
  }
  out.set(body.subarray(from), at)
  return out
}

function sameBytes(body: Uint8Array, start: number, end: number, wanted: Uint8Array): boolean {
  if (end - start !== wanted.length) return false
  for (let i = 0; i < wanted.length; i++) if (body[start + i] !== wanted[i]) return false
  return true
}

function decodedIs(body: Uint8Array, start: number, end: number, field: FormFieldName): boolean {
  return decode(fromUtf8(body.subarray(start, end))) === field.name
}
