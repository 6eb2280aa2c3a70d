/**
 * The URL a client used to reach a provider's mount, for everything a provider echoes back
 * (Epicollect5's pagination links, the Redox `aud` a client must sign, REDCap survey links).
 *
 * Behind a prefix (an isolated session) the prefix is kept. A transport that rewrote a real
 * hostname onto the mount (the MSW handlers) names the original base in `Standin-Original-Base`,
 * so links point where the client thinks it is talking.
 */
import type { Context } from 'hono'

export const ORIGINAL_BASE_HEADER = 'standin-original-base'

export function providerBaseUrl(c: Context, mount: string): string {
  const original = c.req.header(ORIGINAL_BASE_HEADER)
  if (original) return original.replace(/\/+$/, '')
  const url = new URL(c.req.url)
  const at = url.pathname.indexOf(`${mount}/`)
  const prefix = at >= 0 ? url.pathname.slice(0, at) : ''
  return `${url.origin}${prefix}${mount}`
}
