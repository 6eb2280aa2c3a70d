/**
 * What runs in front of every provider route, as one step rather than a chain of middleware: each
 * layer of hono middleware costs a request a closure, a promise and a dispatch, and on the data
 * routes those were a third of the time. In order:
 * 1. the `Host` check: a rebinding page must not read provider answers, which in proxy mode are
 *    real data (docs/security.md); provider routes keep their real CORS rules, so only the Host;
 * 2. the QA levers (levers/apply-levers.ts): scripted events, `Standin-Force`, overrides, stubs;
 * 3. the route mode (proxy/serve.ts): proxy, record and replay answer here; mock goes on. Before
 *    the body limit, which buffers chunked bodies: a proxied upload streams to the upstream;
 * 4. the body limit, from the declared size when there is one;
 * 5. the provider's own routes.
 * Then, whatever answered: the levers count the request, and the journal keeps it
 * (journal/capture.ts). An error is rendered in the provider's own envelope, by this step for its
 * own refusals and by the app's error handler for the routes' (app.ts), with the same function.
 */
import type { MiddlewareHandler } from 'hono'
import { hostRefusal } from './admin/guard.js'
import { countingBodyLimit, sizeKnown, type BodyLimitOptions } from './body-limit.js'
import { CLIENT_GONE_WHY, clientGone } from './client-gone.js'
import { StandinError, toStandinError } from './core/errors.js'
import type { HostPolicy } from './core/hosts.js'
import type { KeepAnswer } from './journal/capture.js'
import type { Levers } from './levers/apply-levers.js'
import { pathUnderMount } from './providers/host.js'
import type { AnyProvider, StandinContext, StandinEnv } from './providers/provider.js'
import type { RouteModeAnswer } from './proxy/serve.js'
import type { World } from './world.js'

export interface FrontParts {
  readonly world: World
  readonly provider: AnyProvider
  readonly mount: string
  readonly hosts: HostPolicy
  readonly levers: Levers
  readonly routeMode: RouteModeAnswer
  readonly keepAnswer: KeepAnswer
}

/** Renders any error of a provider request in the provider's envelope. */
export type RenderError = (error: unknown, c: StandinContext) => Promise<Response>

export function providerFront(parts: FrontParts): MiddlewareHandler<StandinEnv> {
  const { world, provider, mount, hosts, levers, routeMode, keepAnswer } = parts
  const renderError = providerErrors(provider, mount)
  const limit: BodyLimitOptions = {
    maxSize: world.config.bodyLimitBytes,
    onError: () => {
      throw new StandinError('payload_too_large', 'Request entity too large', {
        detail: `body over ${String(world.config.bodyLimitBytes)} bytes`,
      })
    },
  }
  const counting = countingBodyLimit(limit)
  return async function providerFront(c, next) {
    const begun = { started: performance.now(), atMs: world.clock.epochMs() }
    c.set('renderError', renderError)
    const path = pathUnderMount(c.req.path, mount)
    try {
      const refusal = hostRefusal(c, hosts)
      if (refusal !== undefined)
        throw new StandinError('forbidden', 'Forbidden', { detail: `Refused: ${refusal}` })
      // Most requests meet no lever and no route mode: those steps answer synchronously then.
      let answer = levers.before(c, path)
      if (answer instanceof Promise) answer = await answer
      if (answer === undefined) {
        const moded = routeMode(c, path)
        if (moded) answer = await moded
      }
      if (answer !== undefined) c.res = answer
      else if (sizeKnown(c, limit)) await next()
      else await counting(c, next)
    } catch (error) {
      c.res = await renderError(error, c)
    }
    try {
      const counted = levers.after(c, path)
      if (counted) await counted
    } finally {
      const kept = keepAnswer(c, begun)
      if (kept) await kept
    }
  }
}

/** The provider's envelope for an error; a client that has gone gets nothing (client-gone.ts). */
function providerErrors(provider: AnyProvider, mount: string): RenderError {
  return async function renderProviderError(error, c) {
    if (clientGone(c, error)) {
      c.set('outcome', 'aborted')
      c.set('why', CLIENT_GONE_WHY)
      return new Response(null, { status: 400 })
    }
    const e = toStandinError(error)
    c.set('why', e.why)
    if (e.code === 'internal') c.set('internalError', e)
    if (!c.get('outcome')) c.set('outcome', e.status >= 500 ? 'error' : 'rejected')
    const response = await provider.renderError(e, c, mount)
    for (const [name, value] of Object.entries(e.headers)) response.headers.set(name, value)
    return response
  }
}
