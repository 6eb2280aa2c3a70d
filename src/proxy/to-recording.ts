/**
 * `toFixture(exchange)`: a forwarded exchange as a recording, pure. Every secret is
 * replaced by a stable placeholder: fields that hold credentials by name (core/secrets.ts: `token`,
 * `client_secret`, `access_token`, ...) in forms, multipart parts and JSON, and every secret standin knows (the real
 * credentials, tokens it obtained, assertions it signed) wherever it appears. Request headers are
 * not kept (that is where bearer tokens travel), and volatile response headers are dropped, so the
 * same exchange recorded twice gives the same file. An answer's credential-looking values (JWTs,
 * members named like tokens, REDCap's hex tokens) are replaced too (credential-like.ts).
 */
import type { ProviderId } from '../core/glossary.js'
import { isTextual } from '../core/media-type.js'
import { shortHash, toBase64, utf8OrUndefined } from '../core/bytes.js'
import { isSecretField, replaceSecretMembers } from '../core/secrets.js'
import { parseForm, type Pair } from './form.js'
import { scrubCredentialLike } from './credential-like.js'
import { boundaryOf, parseMultipart } from './multipart.js'
import type {
  RecordedBody,
  RecordedContext,
  RecordedRequest,
  Recording,
} from './recording-format.js'
import type { HeaderRecord } from './transport.js'

/** Response headers that change on every call or belong to one connection or session. */
const VOLATILE_HEADERS = new Set([
  'age',
  'cf-ray',
  'connection',
  'content-length',
  'date',
  'keep-alive',
  'nel',
  'report-to',
  'request-id',
  'server-timing',
  'set-cookie',
  'transfer-encoding',
  'x-amz-cf-id',
  'x-amzn-requestid',
  'x-correlation-id',
  'x-request-id',
])

export interface Scrubber {
  scrub(text: string): string
}

export interface ExchangeRequest {
  readonly method: string
  readonly mount: string
  /** Path under the mount. */
  readonly path: string
  /** The raw query without `?`. */
  readonly query: string
  readonly contentType: string | undefined
  readonly body: Uint8Array | null
}

export interface ProxiedExchange {
  readonly provider: ProviderId
  readonly request: ExchangeRequest
  readonly response: {
    readonly status: number
    readonly headers: HeaderRecord
    readonly body: Uint8Array
  }
  /** When it was recorded and which local credential the app used (no secret). */
  readonly recorded?: RecordedContext
}

export interface Fixture {
  /** File name inside `recordings/<provider>/`. */
  readonly file: string
  readonly key: string
  readonly recording: Recording
}

export function placeholder(name: string): string {
  return `{{${name}}}`
}

export function toFixture(exchange: ProxiedExchange, secrets: Scrubber): Fixture {
  const request = toRecordedRequest(exchange.request, secrets)
  const { response } = exchange
  const headers: Record<string, string> = {}
  for (const name of Object.keys(response.headers).sort()) {
    const value = response.headers[name]
    if (value === undefined || VOLATILE_HEADERS.has(name.toLowerCase())) continue
    headers[name.toLowerCase()] = scrubCredentialLike(
      secrets.scrub(typeof value === 'string' ? value : value.join(', ')),
      exchange.provider,
    )
  }
  const contentType = headers['content-type']
  const body = responseBody(response.body, contentType, {
    scrub: (text) => scrubCredentialLike(secrets.scrub(text), exchange.provider),
  })
  const key = requestKey(request)
  return {
    file: fixtureName(request, key),
    key,
    recording: {
      ...(exchange.recorded ? { recorded: exchange.recorded } : {}),
      request,
      response: { status: response.status, headers, ...(body ? { body } : {}) },
    },
  }
}

/** The request as a recording keeps it; replay normalises incoming requests the same way. */
export function toRecordedRequest(request: ExchangeRequest, secrets: Scrubber): RecordedRequest {
  const mediaType = request.contentType?.split(';')[0]?.trim().toLowerCase()
  const body = requestBody(request, secrets)
  return {
    method: request.method.toUpperCase(),
    mount: request.mount,
    path: request.path,
    query: scrubPairs(parseForm(request.query), secrets),
    ...(mediaType ? { contentType: mediaType } : {}),
    ...(body ? { body } : {}),
  }
}

function requestBody(request: ExchangeRequest, secrets: Scrubber): RecordedBody | undefined {
  const bytes = request.body
  if (!bytes || bytes.length === 0) return undefined
  const boundary = boundaryOf(request.contentType)
  if (boundary !== undefined) {
    return {
      multipart: parseMultipart(bytes, boundary).map((part) => {
        const text = part.filename === undefined ? utf8OrUndefined(part.body) : undefined
        const content =
          text === undefined
            ? { base64: toBase64(part.body) }
            : {
                text: isSecretField(part.name) ? placeholder(part.name) : secrets.scrub(text),
              }
        return {
          name: part.name,
          ...(part.filename === undefined ? {} : { filename: part.filename }),
          ...(part.contentType === undefined ? {} : { contentType: part.contentType }),
          ...content,
        }
      }),
    }
  }
  const text = utf8OrUndefined(bytes)
  if (text === undefined) return { base64: toBase64(bytes) }
  if (/^application\/x-www-form-urlencoded/i.test(request.contentType ?? '')) {
    return { form: scrubPairs(parseForm(text), secrets) }
  }
  const json = isJson(request.contentType) ? parseJson(scrubText(text, secrets)) : undefined
  return json === undefined ? { text: scrubText(text, secrets) } : { json: json.value }
}

function responseBody(
  bytes: Uint8Array,
  contentType: string | undefined,
  secrets: Scrubber,
): RecordedBody | undefined {
  if (bytes.length === 0) return undefined
  const text = isTextual(contentType) ? utf8OrUndefined(bytes) : undefined
  if (text === undefined) return { base64: toBase64(bytes) }
  const scrubbed = scrubText(text, secrets)
  const json = isJson(contentType) ? parseJson(scrubbed) : undefined
  // Kept as JSON only when replay's compact output gives back exactly these bytes.
  if (json !== undefined && JSON.stringify(json.value) === scrubbed) return { json: json.value }
  return { text: scrubbed }
}

function scrubText(text: string, secrets: Scrubber): string {
  return replaceSecretMembers(secrets.scrub(text), placeholder)
}

function scrubPairs(pairs: readonly Pair[], secrets: Scrubber): [string, string][] {
  return pairs.map(([k, v]) => [k, isSecretField(k) ? placeholder(k) : secrets.scrub(v)])
}

function isJson(contentType: string | undefined): boolean {
  return contentType !== undefined && /^application\/([\w.-]+\+)?json\b/i.test(contentType)
}

function parseJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown }
  } catch {
    return undefined
  }
}

/** What identifies a request for replay: method, where, sorted parameters and the body's content. */
export function requestKey(request: RecordedRequest): string {
  return JSON.stringify([
    request.method,
    request.mount,
    request.path,
    sortPairs(request.query),
    canonicalBody(request.body),
  ])
}

function canonicalBody(body: RecordedBody | undefined): unknown {
  if (body === undefined) return null
  if ('form' in body) return { form: sortPairs(body.form) }
  if ('multipart' in body) {
    return { multipart: [...body.multipart].sort((a, b) => compare(a.name, b.name)) }
  }
  if ('json' in body) return { json: sortKeys(body.json) }
  return body
}

function sortPairs(pairs: readonly Pair[]): Pair[] {
  // A stable sort keeps repeated keys (PHP arrays: records[]=1&records[]=2) in their order.
  return [...pairs].sort((a, b) => compare(a[0], b[0]))
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (typeof value !== 'object' || value === null) return value
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value).sort())
    out[key] = sortKeys((value as Record<string, unknown>)[key])
  return out
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** `get-epicollect-api-export-entries-ec5-demo-50-1a2b3c4d.json`: readable, unique per request key. */
export function fixtureName(request: RecordedRequest, key: string): string {
  const hints: string[] = []
  const params = [...request.query, ...bodyPairs(request.body)]
  for (const [name, value] of params) {
    if (hints.length === 3) break
    if (!isSecretField(name) && value.length <= 20 && /^[\w.-]+$/.test(value)) hints.push(value)
  }
  const stem = slug([request.method, request.mount, request.path, ...hints].join('-')).slice(0, 80)
  return `${stem.replace(/-+$/, '')}-${shortHash(key)}.json`
}

function bodyPairs(body: RecordedBody | undefined): readonly Pair[] {
  if (body === undefined) return []
  if ('form' in body) return body.form
  if ('multipart' in body) return body.multipart.map((p) => [p.name, p.text ?? ''] as const)
  return []
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}
