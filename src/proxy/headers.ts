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

/** One header as `Headers.get` reads it: repeats joined with `, `; undefined when absent. */
export function receivedHeader(received: ReceivedHeaders, name: string): string | undefined {
  if (!isList(received)) return received.get(name) ?? undefined
  let value: string | undefined
  for (let i = 0; i + 1 < received.length; i += 2) {
    const key = received[i] as string
    if (key.length !== name.length || key.toLowerCase() !== name) continue
    const next = received[i + 1] as string
    value = value === undefined ? next : `${value}, ${next}`
  }
  return value
}

/**
 * The headers sent upstream. `identity`: ask for an uncompressed body; `via`: this standin's entry
 * for the Via header.
 */
export function upstreamRequestHeaders(
  received: ReceivedHeaders,
  identity: boolean,
  via: string,
): Record<string, string> {
  const listed = connectionListed(receivedHeader(received, 'connection'))
  const out: Record<string, string> = {}
  if (isList(received)) {
    for (let i = 0; i + 1 < received.length; i += 2) {
      const name = received[i] as string
      // HTTP/2 pseudo-headers (`:path`) are not headers.
      if (name.charCodeAt(0) === 0x3a) continue
      keepHeader(out, name.toLowerCase(), received[i + 1] as string, listed, identity)
    }
  } else {
    received.forEach((value, name) => {
      keepHeader(out, name, value, listed, identity)
    })
  }
  // A recording must be scrubbed of secrets, so it needs the body uncompressed.
  if (identity) out['accept-encoding'] = 'identity'
  // A proxy names itself in Via (RFC 9110 §7.6.3); standin also uses it to notice a loop.
  out.via = out.via === undefined ? via : `${out.via}, ${via}`
  return out
}

/** Adds one received header to those sent upstream, unless it stays behind; repeats joined. */
function keepHeader(
  out: Record<string, string>,
  name: string,
  value: string,
  listed: Set<string> | undefined,
  identity: boolean,
): void {
  if (HOP_BY_HOP.has(name) || NOT_FORWARDED.has(name) || listed?.has(name)) return
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
