/**
 * Header hygiene between the client, standin and the upstream. Hop-by-hop headers (RFC 9110 §7.6.1)
 * and any the `Connection` header names belong to one connection and are dropped both ways. The
 * client's own credentials (`Authorization`, cookies) never go upstream: standin puts the real one in.
 * Upstream cookies never reach the client: they belong to the real service's session, and no
 * header value carries a secret standin holds.
 */
import { ORIGINAL_BASE_HEADER } from '../providers/base-url.js'

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

function connectionListed(headers: Headers): Set<string> | undefined {
  const connection = headers.get('connection')
  if (connection === null) return undefined
  return new Set(connection.split(',').map((t) => t.trim().toLowerCase()))
}

export function upstreamRequestHeaders(
  headers: Headers,
  options: { readonly identity: boolean },
): Record<string, string> {
  const listed = connectionListed(headers)
  const out: Record<string, string> = {}
  headers.forEach((value, name) => {
    if (HOP_BY_HOP.has(name) || NOT_FORWARDED.has(name) || listed?.has(name)) return
    if (options.identity && name === 'accept-encoding') return
    out[name] = value
  })
  // A recording must be scrubbed of secrets, so it needs the body uncompressed.
  if (options.identity) out['accept-encoding'] = 'identity'
  return out
}

/** The upstream's headers as the client may see them; `scrub` hides any secret standin holds. */
export function clientResponseHeaders(headers: Headers, scrub: (text: string) => string): Headers {
  const listed = connectionListed(headers)
  const out = new Headers()
  headers.forEach((value, name) => {
    if (HOP_BY_HOP.has(name) || listed?.has(name) || name === 'set-cookie') return
    out.append(name, scrub(value))
  })
  return out
}
