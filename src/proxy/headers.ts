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

function connectionListed(connection: string | null | undefined): Set<string> | undefined {
  if (connection === null || connection === undefined) return undefined
  return new Set(connection.split(',').map((t) => t.trim().toLowerCase()))
}

export function upstreamRequestHeaders(
  headers: Headers,
  options: { readonly identity: boolean; readonly via: string },
): Record<string, string> {
  const listed = connectionListed(headers.get('connection'))
  const out: Record<string, string> = {}
  headers.forEach((value, name) => {
    if (HOP_BY_HOP.has(name) || NOT_FORWARDED.has(name) || listed?.has(name)) return
    if (options.identity && name === 'accept-encoding') return
    out[name] = value
  })
  // A recording must be scrubbed of secrets, so it needs the body uncompressed.
  if (options.identity) out['accept-encoding'] = 'identity'
  // A proxy names itself in Via (RFC 9110 §7.6.3); standin also uses it to notice a loop.
  out.via = out.via === undefined ? options.via : `${out.via}, ${options.via}`
  return out
}

/**
 * The upstream's headers as the client may see them; `scrub` hides any secret standin holds. A plain
 * object, which @hono/node-server writes out as it is.
 */
export function clientResponseHeaders(
  headers: HeaderRecord,
  scrub: (text: string) => string,
): Record<string, string> {
  const connection = headers.connection
  const listed = connectionListed(typeof connection === 'string' ? connection : undefined)
  const out: Record<string, string> = {}
  for (const name in headers) {
    const value = headers[name]
    if (value === undefined || HOP_BY_HOP.has(name) || listed?.has(name) || name === 'set-cookie')
      continue
    out[name] = scrub(typeof value === 'string' ? value : value.join(', '))
  }
  return out
}
