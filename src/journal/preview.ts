/**
 * What the journal keeps of a request or response: headers, query and form parameters, and a
 * bounded preview of the body, each with every secret redacted (see core/secrets.ts). Pure: the
 * journal middleware (journal/capture.ts) hands it bytes and headers.
 */
import { isSecretField, isSecretHeader, REDACTED, redactText } from '../core/secrets.js'
import { parseForm, type Pair } from '../proxy/form.js'
import { boundaryOf, parseMultipart } from '../proxy/multipart.js'
import type { BodyPreview, Params } from '../core/journal.js'
import { isTextual } from '../core/media-type.js'
import { utf8OrUndefined } from '../core/bytes.js'

/** Each kept value, header or parameter, is cut to this many characters... */
export const MAX_VALUE_CHARS = 256
/** ...and at most this many names are kept. */
export const MAX_NAMES = 64

/** Extra scrubbing on top of the named fields and credential shapes: secrets the proxy holds. */
export type Scrub = (text: string) => string

const noScrub: Scrub = (text) => text

export function clipValue(text: string, max = MAX_VALUE_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}

/**
 * How far past the kept length a value is still read before redaction, so a credential that
 * straddles the cut is still recognised whole, while a megabyte-sized value (REDCap's `data`, an
 * ODM file) is not scanned to the end for the few characters kept.
 */
const REDACT_MARGIN_CHARS = 4096

function value(name: string, raw: string, scrub: Scrub): string {
  if (isSecretField(name)) return REDACTED
  const read = raw.length > MAX_VALUE_CHARS + REDACT_MARGIN_CHARS
  return clipValue(
    scrub(redactText(read ? raw.slice(0, MAX_VALUE_CHARS + REDACT_MARGIN_CHARS) : raw)),
  )
}

export function toParams(pairs: readonly Pair[], scrub: Scrub = noScrub): Params {
  const out: Record<string, string | string[]> = {}
  for (const [name, raw] of pairs) {
    const v = value(name, raw, scrub)
    const seen = out[name]
    if (seen === undefined) {
      if (Object.keys(out).length >= MAX_NAMES) continue
      out[name] = v
    } else if (Array.isArray(seen)) {
      if (seen.length < MAX_NAMES) seen.push(v)
    } else out[name] = [seen, v]
  }
  return out
}

/** Lower-case names; credentials (Authorization, cookies) redacted. */
export function toHeaders(
  headers: Iterable<readonly [string, string]>,
  scrub: Scrub = noScrub,
): Readonly<Record<string, string>> {
  const out: Record<string, string> = {}
  let n = 0
  for (const [rawName, raw] of headers) {
    const name = rawName.toLowerCase()
    if (!(name in out) && ++n > MAX_NAMES) break
    out[name] = isSecretHeader(name) ? REDACTED : clipValue(scrub(redactText(raw)))
  }
  return out
}

export function previewBody(
  bytes: Uint8Array,
  contentType: string | undefined,
  previewBytes: number,
  scrub: Scrub = noScrub,
): BodyPreview {
  const base = { ...(contentType ? { contentType } : {}), size: bytes.length }
  if (previewBytes <= 0) return { ...base, truncated: bytes.length > 0, omitted: 'not kept' }
  const boundary = boundaryOf(contentType)
  if (boundary !== undefined) {
    const pairs = parseMultipart(bytes, boundary).map((part): Pair => {
      if (part.filename !== undefined)
        return [part.name, `<file "${part.filename}", ${String(part.body.length)} bytes>`]
      return [part.name, utf8OrUndefined(part.body) ?? `<${String(part.body.length)} bytes>`]
    })
    return { ...base, truncated: false, form: toParams(pairs, scrub), omitted: 'multipart' }
  }
  const text = isTextual(contentType) ? utf8OrUndefined(bytes) : undefined
  if (text === undefined) return { ...base, truncated: bytes.length > 0, omitted: 'binary' }
  const truncated = text.length > previewBytes
  // Redacted before the cut, so a credential the cut would halve is still recognised whole.
  const read = truncated ? text.slice(0, previewBytes + REDACT_MARGIN_CHARS) : text
  const form = /^application\/x-www-form-urlencoded/i.test(contentType ?? '')
  const kept = form ? encodeForm(parseForm(read), scrub) : scrub(redactText(read))
  return {
    ...base,
    text: truncated ? kept.slice(0, previewBytes) : kept,
    truncated,
    ...(form ? { form: toParams(parseForm(text), scrub) } : {}),
  }
}

function encodeForm(pairs: readonly Pair[], scrub: Scrub): string {
  return pairs
    .map(([name, raw]) => {
      const v = isSecretField(name) ? REDACTED : encodeURIComponent(scrub(redactText(raw)))
      return `${encodeURIComponent(name)}=${v}`
    })
    .join('&')
}

/** A request's query parameters and headers, redacted, as the journal and matchers read them. */
export function queryAndHeaders(
  request: { readonly url: string; readonly headers: Headers },
  scrub: Scrub = noScrub,
): { query: Params; headers: Readonly<Record<string, string>> } {
  const q = request.url.indexOf('?')
  return {
    query: q === -1 ? {} : toParams(parseForm(request.url.slice(q + 1)), scrub),
    headers: toHeaders(request.headers, scrub),
  }
}
