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
  const { origin, pathname } = urlParts(c.req.url)
  const at = pathname.indexOf(`${mount}/`)
  const prefix = at >= 0 ? pathname.slice(0, at) : ''
  return `${origin}${prefix}${mount}`
}

/** A request URL's origin, path and query (with its `?`), as `new URL(url)` gives them. */
export interface UrlParts {
  readonly origin: string
  readonly pathname: string
  readonly search: string
}

let lastHead: string | undefined
let lastOrigin = ''

/**
 * The parts of a request URL, cut from the string: a request's URL is already serialised (by the
 * Node edge or by `Request`), so only its origin needs normalising (a default port, an IDN), done
 * once per distinct scheme and host. Building a URL object on every request costs microseconds.
 */
export function urlParts(url: string): UrlParts {
  const scheme = url.indexOf('://')
  const slash = scheme === -1 ? -1 : url.indexOf('/', scheme + 3)
  if (slash === -1) {
    const whole = new URL(url)
    return { origin: whole.origin, pathname: whole.pathname, search: whole.search }
  }
  const head = url.slice(0, slash)
  if (head !== lastHead) {
    lastOrigin = new URL(head).origin
    lastHead = head
  }
  const hash = url.indexOf('#', slash)
  const end = hash === -1 ? url.length : hash
  const query = url.indexOf('?', slash)
  const pathEnd = query === -1 || query > end ? end : query
  const search = pathEnd === end || pathEnd + 1 === end ? '' : url.slice(pathEnd, end)
  return { origin: lastOrigin, pathname: url.slice(slash, pathEnd), search }
}
