/**
 * `multipart/form-data` bodies (RFC 7578), read and edited at the byte level: the part being
 * replaced changes, every other part (file uploads included) passes through byte for byte.
 */
import { concatBytes, fromUtf8, indexOfBytes, utf8 } from '../core/bytes.js'

export interface MultipartPart {
  readonly name: string
  readonly filename?: string
  readonly contentType?: string
  readonly body: Uint8Array
  /** Offsets of the body inside the whole message. */
  readonly start: number
  readonly end: number
}

export function boundaryOf(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data/i.test(contentType)) return undefined
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType)
  return match?.[1] ?? match?.[2]
}

const CRLF_CRLF = utf8('\r\n\r\n')

export function parseMultipart(bytes: Uint8Array, boundary: string): MultipartPart[] {
  const delimiter = utf8(`--${boundary}`)
  const next = utf8(`\r\n--${boundary}`)
  const parts: MultipartPart[] = []
  let at = indexOfBytes(bytes, delimiter)
  while (at !== -1) {
    const afterDelimiter = at + delimiter.length
    // `--` after a delimiter closes the message.
    if (bytes[afterDelimiter] === 0x2d && bytes[afterDelimiter + 1] === 0x2d) break
    const headersEnd = indexOfBytes(bytes, CRLF_CRLF, afterDelimiter)
    if (headersEnd === -1) break
    const start = headersEnd + CRLF_CRLF.length
    const end = indexOfBytes(bytes, next, start)
    if (end === -1) break
    const headers = fromUtf8(bytes.subarray(afterDelimiter, headersEnd))
    const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? ''
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1]
    const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1]
    const contentType = /content-type:\s*([^\r\n]*)/i.exec(headers)?.[1]?.trim()
    if (name !== undefined) {
      parts.push({
        name,
        ...(filename === undefined ? {} : { filename }),
        ...(contentType === undefined ? {} : { contentType }),
        body: bytes.subarray(start, end),
        start,
        end,
      })
    }
    at = end + 2
  }
  return parts
}

/** The message with the body of every part named `name` replaced by `value`. */
export function replaceMultipartField(
  bytes: Uint8Array,
  boundary: string,
  name: string,
  value: string,
): Uint8Array {
  const targets = parseMultipart(bytes, boundary).filter((p) => p.name === name && !p.filename)
  if (targets.length === 0) return bytes
  const chunks: Uint8Array[] = []
  let at = 0
  const replacement = utf8(value)
  for (const part of targets) {
    chunks.push(bytes.subarray(at, part.start), replacement)
    at = part.end
  }
  chunks.push(bytes.subarray(at))
  return concatBytes(chunks)
}
