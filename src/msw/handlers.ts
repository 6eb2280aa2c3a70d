/**
 * createStandinHandlers: MSW handlers that answer the real hostnames in-process through standin's
 * own app (`app.fetch`), so a test needs no port and its client keeps its production URLs. Nothing
 * here simulates anything: every answer comes from the same app the server runs.
 */
import { http, type HttpHandler } from 'msw'
import { createStandin } from '../node/create.js'
import type { StandinOptions } from '../standin.js'
import { IN_PROCESS_DEFAULTS } from '../testing/defaults.js'
import {
  hostRoutes,
  routeFor,
  routesPattern,
  toStandinRequest,
  type HostOptions,
} from './host-routes.js'

/** Anything that answers a Request as standin does: a `Standin` from `createStandin()`. */
export interface StandinLike {
  fetch(request: Request): Response | Promise<Response>
}

export interface StandinHandlersOptions extends StandinOptions, HostOptions {
  /**
   * The standin to answer with. Without it one is created on the first request from the other
   * options (default scenario, clock frozen until a test moves it) and reached through the control
   * origin with `createControlClient('http://standin.local')`.
   */
  readonly standin?: StandinLike | Promise<StandinLike> | undefined
}

/**
 * One `http.all` handler answering every base URL (see `routesPattern` for why one): each request
 * is moved onto its provider's mount and answered by the app.
 */
export function createStandinHandlers(options: StandinHandlersOptions = {}): HttpHandler[] {
  const target = standinOf(options)
  const routes = hostRoutes(options)
  return [
    http.all(routesPattern(routes), async function answerWithStandin({ request }) {
      const route = routeFor(request.url, routes)
      if (!route) return undefined // the pattern and routeFor agree; this only satisfies the types
      const standin = target.ready ?? (await target.get())
      return standin.fetch(await toStandinRequest(request, route))
    }),
  ]
}

interface Target {
  /** Set once the standin exists, so a call costs no extra await. */
  ready: StandinLike | undefined
  get(): Promise<StandinLike>
}

function standinOf(options: StandinHandlersOptions): Target {
  const { standin, ...standinOptions } = options
  // Captured now, before `server.listen()` patches the global: standin's own outbound calls
  // (JWKS URLs, proxied routes) must reach the network, not loop back into these handlers.
  const outbound = options.fetch ?? globalThis.fetch
  let pending: Promise<StandinLike> | undefined
  const target: Target = {
    ready: standin !== undefined && !(standin instanceof Promise) ? standin : undefined,
    get() {
      pending ??= Promise.resolve(
        standin ?? createStandin({ ...IN_PROCESS_DEFAULTS, ...standinOptions, fetch: outbound }),
      ).then((created) => (target.ready = created))
      return pending
    },
  }
  return target
}
