/**
 * Which real base URL answers through which standin mount, and the rewrite from one to the other.
 * The rewrite keeps method, headers and body, moves the path under the mount and names the
 * original base in `Standin-Original-Base`, so providers echo the real host (links, Redox `aud`).
 */
import { bodySourceOf } from '../core/body-source.js'
import { ORIGINAL_BASE_HEADER } from '../providers/base-url.js'
import { SHIPPED_HOSTS, type HostName } from '../providers/index.js'
import { redcapHosts } from '../providers/redcap/hosts.js'

/** A base URL a client calls and the standin path it answers under. */
export interface HostRoute {
  /** An origin, optionally with a path: `https://api.redoxengine.com`, `https://redcap.example.edu/redcap`. */
  readonly base: string
  /** A provider mount (`/redox`), or `''` for standin's own root (the control origin). */
  readonly mount: string
}

/**
 * A base URL per shipped host, replacing its real one: `redcap` is your REDCap's base URL (the part
 * before `/api/`), `epicollect` a self-hosted Epicollect5 server, `redox` and `redoxCa` Redox's hosts.
 */
export type HostOptions = { readonly [name in HostName]?: string | undefined } & {
  /**
   * Where standin itself answers in-process, as `http://127.0.0.1:<port>` does for the server:
   * `/_standin/...` (the control plane) and `/_sessions/{id}/...`.
   */
  readonly control?: string | undefined
  /** More base URL → mount pairs, e.g. a second REDCap host or a provider of your own. */
  readonly routes?: readonly HostRoute[] | undefined
}

/** REDCap has no one public host; this stands for "your institution's REDCap". */
export const DEFAULT_REDCAP_BASE = redcapHosts.hosts[0].realBaseUrl
export const DEFAULT_CONTROL_BASE = 'http://standin.local'

/** A route with its base normalised (no trailing slash) and the parts the rewrite needs. */
export interface ResolvedHostRoute extends HostRoute {
  readonly origin: string
}

export function hostRoutes(options: HostOptions = {}): ResolvedHostRoute[] {
  const routes: HostRoute[] = [
    ...SHIPPED_HOSTS.map((host) => ({
      base: options[host.name] ?? host.realBaseUrl,
      mount: host.mount,
    })),
    ...(options.routes ?? []),
    { base: options.control ?? DEFAULT_CONTROL_BASE, mount: '' },
  ]
  return routes.map(resolveRoute)
}

function resolveRoute(route: HostRoute): ResolvedHostRoute {
  let url: URL
  try {
    url = new URL(route.base)
  } catch {
    throw new TypeError(`Failed to route "${route.base}": it is not an absolute URL.`)
  }
  if (url.search !== '' || url.hash !== '')
    throw new TypeError(`Failed to route "${route.base}": a base URL has no query or fragment.`)
  const base = `${url.origin}${url.pathname.replace(/\/+$/, '')}`
  return { base, mount: route.mount.replace(/\/+$/, ''), origin: url.origin }
}

/**
 * One pattern for every base URL. MSW parses each request once per handler it tries (URL, cookies,
 * a path compiled anew), so one handler for all hosts costs less than one per host.
 */
export function routesPattern(routes: readonly ResolvedHostRoute[]): RegExp {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`^(?:${routes.map((r) => escape(r.base)).join('|')})/`)
}

/** The route whose base `url` is under; the longest base wins (a REDCap path under the control origin). */
export function routeFor(
  url: string,
  routes: readonly ResolvedHostRoute[],
): ResolvedHostRoute | undefined {
  let best: ResolvedHostRoute | undefined
  for (const route of routes) {
    if (url.startsWith(`${route.base}/`) && (!best || route.base.length > best.base.length))
      best = route
  }
  return best
}

/**
 * The same request, addressed to standin's mount for `route`. `request.url` starts with its base.
 * A body goes on with its length, as it would arrive over HTTP (a body of unknown length would make
 * the app's body limit count it through a second copy of the request). MSW's request was built from
 * what the client passed to `fetch`, so its length is known (core/body-source.ts) and its stream
 * is handed on unread; a body of a size not known up front (a stream) is read into bytes first.
 */
export async function toStandinRequest(
  request: Request,
  route: ResolvedHostRoute,
): Promise<Request> {
  if (route.mount === '' && route.base === route.origin) return request
  const target = `${route.origin}${route.mount}${request.url.slice(route.base.length)}`
  const headers = copyHeaders(request.headers)
  if (route.mount !== '') headers.set(ORIGINAL_BASE_HEADER, route.base)
  const bodyless = request.method === 'GET' || request.method === 'HEAD' || request.body === null
  const body = bodyless ? null : await sizedBody(request)
  if (body) headers.set('content-length', String(body.length))
  return new Request(target, {
    method: request.method,
    headers,
    body: body?.content ?? null,
    // Required to hand on a stream; nothing goes over a network.
    ...(body ? { duplex: 'half' as const } : {}),
    // No `signal`: linking one costs about as much as the rest of the rewrite, and the app answers
    // in-process, so there is nothing to abort that MSW does not abort itself.
    redirect: request.redirect,
  })
}

interface SizedBody {
  readonly content: ReadableStream<Uint8Array> | Uint8Array<ArrayBuffer>
  readonly length: number
}

async function sizedBody(request: Request): Promise<SizedBody> {
  const length = bodySourceOf(request)?.length
  if (typeof length === 'number' && request.body) return { content: request.body, length }
  const bytes = new Uint8Array(await request.arrayBuffer())
  return { content: bytes, length: bytes.byteLength }
}

/**
 * Copies by iteration: `new Headers(request.headers)` on a request MSW intercepted with a body
 * keeps only its content type on Node 20 (the copy reads undici's internal list, which MSW's
 * request does not fill), so `Authorization` and `Standin-Force` on a POST would be lost.
 */
function copyHeaders(from: Headers): Headers {
  const headers = new Headers()
  for (const [name, value] of from) headers.append(name, value)
  return headers
}

/** The URL a client would call for a standin path (`/redox/v2/auth/token` → the real host). */
export function realUrlFor(path: string, routes: readonly ResolvedHostRoute[]): string {
  let best: ResolvedHostRoute | undefined
  for (const route of routes) {
    const { mount } = route
    const under = mount === '' || path === mount || path.startsWith(`${mount}/`)
    if (under && (!best || mount.length > best.mount.length)) best = route
  }
  if (!best) throw new TypeError(`Failed to map "${path}": no route for standin's root.`)
  return `${best.base}${path.slice(best.mount.length)}`
}
