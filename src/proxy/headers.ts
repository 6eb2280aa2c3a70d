/**
 * Header hygiene between the client, standin and the upstream. Hop-by-hop headers (RFC 9110 §7.6.1)
 * and any the `Connection` header names belong to one connection and are dropped both ways. The
 * client's own credentials (`Authorization`, cookies) never go upstream: standin puts the real one in.
 * Upstream cookies never reach the client: they belong to the real service's session, and no
 * header value carries a secret standin holds.
 */
import { ORIGINAL_BASE_HEADER } from '../providers/base-url.js'
import type { HeaderRecord } from './transport.js'

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
])

const NOT_FORWARDED = new Set(['host', 'authorization', 'cookie', ORIGINAL_BASE_HEADER])

/**
 * A client's request headers: a `Headers`, or on the Node edge the list Node received them in
 * (`[name, value, name, value, ...]`, names as sent), which asks for no `Headers` object at all.
 */
export type ReceivedHeaders = Headers | readonly string[]

function connectionListed(connection: string | null | undefined): Set<string> | undefined {
  if (connection === null || connection === undefined) return undefined
  // What most clients send names only a header that is dropped anyway.
  if (connection.length === 10 && connection.toLowerCase() === 'keep-alive') return undefined
  return new Set(connection.split(',').map((t) => t.trim().toLowerCase()))
}

function isList(received: ReceivedHeaders): received is readonly string[] {
  return Array.isArray(received)
}

/** The headers sent upstream, and the client's `Content-Type` (the credential may be in the body). */
export interface UpstreamHeaders {
  readonly headers: Record<string, string>
  readonly contentType: string | undefined
}

/**
 * The headers sent upstream, read in one pass over what the client sent. `identity`: ask for an
 * uncompressed body; `via`: this standin's entry for the Via header.
 */
export function upstreamRequestHeaders(
  received: ReceivedHeaders,
  identity: boolean,
  via: string,
): UpstreamHeaders {
  let out: Record<string, string> = {}
  let contentType: string | undefined
  let connection: string | undefined
  if (isList(received)) {
    for (let i = 0; i + 1 < received.length; i += 2) {
      const sent = received[i] as string
      // HTTP/2 pseudo-headers (`:path`) are not headers.
      if (sent.charCodeAt(0) === 0x3a) continue
      const name = sent.toLowerCase()
      const value = received[i + 1] as string
      if (name === 'content-type')
        contentType = contentType === undefined ? value : `${contentType}, ${value}`
      else if (name === 'connection')
        connection = connection === undefined ? value : `${connection}, ${value}`
      keepHeader(out, name, value, identity)
    }
  } else {
    received.forEach((value, name) => {
      keepHeader(out, name, value, identity)
    })
    contentType = received.get('content-type') ?? undefined
    connection = received.get('connection') ?? undefined
  }
  // What the client's Connection header names belongs to its connection alone: rare enough to
  // be left out afterwards, in a copy that keeps the order of the rest.
  const listed = connectionListed(connection)
  if (listed) out = Object.fromEntries(Object.entries(out).filter(([name]) => !listed.has(name)))
  // A recording must be scrubbed of secrets, so it needs the body uncompressed.
  if (identity) out['accept-encoding'] = 'identity'
  // A proxy names itself in Via (RFC 9110 §7.6.3); standin also uses it to notice a loop.
  out.via = out.via === undefined ? via : `${out.via}, ${via}`
  return { headers: out, contentType }
}

/** Adds one received header to those sent upstream, unless it stays behind; repeats joined. */
function keepHeader(
  out: Record<string, string>,
  name: string,
  value: string,
  identity: boolean,
): void {
  if (HOP_BY_HOP.has(name) || NOT_FORWARDED.has(name)) return
  if (identity && name === 'accept-encoding') return
  const before = out[name]
  out[name] = before === undefined ? value : `${before}, ${value}`
}

/**
 * The upstream's headers as the client may see them; `secrets` hides any secret standin holds. A plain
 * object, which @hono/node-server writes out as it is.
 */
export function clientResponseHeaders(
  headers: HeaderRecord,
  secrets: { scrub(text: string): string },
): Record<string, string> {
  const connection = headers.connection
  const listed = connectionListed(typeof connection === 'string' ? connection : undefined)
  const out: Record<string, string> = {}
  for (const name in headers) {
    const value = headers[name]
    if (value === undefined || HOP_BY_HOP.has(name) || listed?.has(name) || name === 'set-cookie')
      continue
    out[name] = secrets.scrub(typeof value === 'string' ? value : value.join(', '))
  }
  return out
}
