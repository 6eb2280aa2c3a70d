/**
 * What runs in front of every provider route, as one step wrapped around the route rather than a
 * chain of middleware: each layer of hono middleware costs a request a closure, a promise and a
 * dispatch, and on the data routes those were a third of the time. In order:
 * 1. the `Host` check: a rebinding page must not read provider answers, which in proxy mode are
 *    real data (docs/security.md); provider routes keep their real CORS rules, so only the Host;
 * 2. the QA levers (levers/apply-levers.ts): scripted events, `Standin-Force`, overrides, stubs;
 * 3. the route mode (proxy/serve.ts): proxy, record and replay answer here; mock goes on. Before
 *    the body limit, which buffers chunked bodies: a proxied upload streams to the upstream;
 * 4. the body limit, from the declared size when there is one;
 * 5. the provider's own route.
 * Then, whatever answered: the levers count the request, and the journal keeps it
 * (journal/capture.ts). An error is rendered in the provider's own envelope, by this step for its
 * own refusals and the route's, and by the app's error handler for a route's middleware (app.ts),
 * with the same function. When every step answers synchronously (no lever, no route mode, a route
 * that answers at once), so does the whole step: hono and the Node edge then write the answer
 * without a promise.
 */
import type { Handler } from 'hono'
import { hostRefusal } from './admin/guard.js'
import { countingBodyLimit, sizeKnown, type BodyLimitOptions } from './body-limit.js'
import { CLIENT_GONE_WHY, clientGone } from './client-gone.js'
import { StandinError, toStandinError } from './core/errors.js'
import type { HostPolicy } from './core/hosts.js'
import type { Begun, KeepAnswer } from './journal/capture.js'
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
  /** Called once the request is answered and kept (the access log of internal errors). */
  readonly answered?: ((c: StandinContext, started: number) => void) | undefined
}

/** Renders any error of a provider request in the provider's envelope. */
export type RenderError = (error: unknown, c: StandinContext) => Promise<Response>

/** What a route gives back: its answer, or nothing when it set `c.res` itself (middleware). */
type Served = Response | undefined
type Answer = Response | undefined

/** The front step around one route: `serve` runs the route once the front lets the request on. */
export type Front = (
  c: StandinContext,
  serve: () => Served | Promise<Served>,
) => Response | Promise<Response>

export function providerFront(parts: FrontParts): Front {
  const { world, provider, mount, hosts, levers, routeMode, keepAnswer, answered } = parts
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

  // Most requests meet no lever and no route mode: those steps answer synchronously then.
  function letIn(c: StandinContext, path: string, serve: () => Served | Promise<Served>) {
    const refusal = hostRefusal(c, hosts)
    if (refusal !== undefined)
      throw new StandinError('forbidden', 'Forbidden', { detail: `Refused: ${refusal}` })
    const levered = levers.before(c, path)
    if (levered instanceof Promise)
      return levered.then((answer) => answer ?? routed(c, path, serve))
    return levered ?? routed(c, path, serve)
  }

  function routed(c: StandinContext, path: string, serve: () => Served | Promise<Served>) {
    const moded = routeMode(c, path)
    if (moded) return moded.then((answer) => answer ?? served(c, serve))
    return served(c, serve)
  }

  function served(c: StandinContext, serve: () => Served | Promise<Served>) {
    if (!sizeKnown(c, limit)) {
      // hono types its body limit for a context of any env and a plain string path.
      return counting(c as unknown as Parameters<typeof counting>[0], async () => {
        const answer = own(c, await serve())
        if (answer !== undefined) c.res = answer
      }).then(() => undefined)
    }
    const answer = serve()
    if (answer instanceof Promise) return answer.then((a) => own(c, a))
    return own(c, answer)
  }

  function afterAnswer(c: StandinContext, path: string, begun: Begun) {
    let counted: Promise<void> | undefined
    try {
      counted = levers.after(c, path)
    } catch (error) {
      return keptAfter(c, begun, Promise.reject(asError(error)))
    }
    if (counted) return keptAfter(c, begun, counted)
    const kept = keepAnswer(c, begun)
    if (kept) return kept.then(() => done(c, begun))
    return done(c, begun)
  }

  async function keptAfter(c: StandinContext, begun: Begun, counted: Promise<void>) {
    try {
      await counted
    } finally {
      const kept = keepAnswer(c, begun)
      if (kept) await kept
    }
    return done(c, begun)
  }

  function done(c: StandinContext, begun: Begun): Response {
    answered?.(c, begun.started)
    return c.res
  }

  return function providerFront(c, serve) {
    const begun: Begun = { started: performance.now(), atMs: world.clock.epochMs() }
    c.set('renderError', renderError)
    const path = pathUnderMount(c.req.path, mount)
    let answer: Answer | Promise<Answer>
    try {
      answer = letIn(c, path, serve)
    } catch (error) {
      answer = renderError(error, c)
    }
    if (answer instanceof Promise) {
      return answer.then(
        (a) => {
          if (a !== undefined) c.res = a
          return afterAnswer(c, path, begun)
        },
        async (error: unknown) => {
          c.res = await renderError(error, c)
          return afterAnswer(c, path, begun)
        },
      )
    }
    if (answer !== undefined) c.res = answer
    return afterAnswer(c, path, begun)
  }
}

/**
 * A route's answer, set as hono's compose would: a middleware-style route that set `c.res` itself
 * returns nothing, and its answer stands.
 */
function own(c: StandinContext, answer: Served): Answer {
  if (answer && !c.finalized) return answer
  return undefined
}

/**
 * `handler` behind the front step. Where a provider's own middleware runs before its route, only
 * the first of them is wrapped in the step: the front has run by then (it set `renderError`).
 */
export function behindFront(front: Front, handler: Handler<StandinEnv>): Handler<StandinEnv> {
  const route = handler as (...args: Parameters<Handler<StandinEnv>>) => Served | Promise<Served>
  return function fronted(c, next) {
    if (c.get('renderError') !== undefined) return route(c, next)
    return front(c, () => route(c, next))
  }
}

/** A thrown value as an Error, as promise rejections carry them. */
function asError(thrown: unknown): Error {
  return thrown instanceof Error ? thrown : new Error(String(thrown))
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
