/**
 * What the journal keeps of a request or response: headers, query and form parameters, and a
 * bounded preview of the body (journal/body-preview.ts), each with every secret redacted (see
 * core/secrets.ts). Pure: the journal builds entries from what it kept (journal/capture.ts).
 */
import { isSecretField, isSecretHeader, REDACTED, redactText } from '../core/secrets.js'
import { parseForm, type Pair } from '../proxy/form.js'
import type { Params } from '../core/journal.js'

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

export function encodeForm(pairs: readonly Pair[], scrub: Scrub): string {
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
