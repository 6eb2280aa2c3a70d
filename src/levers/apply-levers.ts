/**
 * The QA levers on every provider request (src/provider-front.ts), in this order: fire the scripted events whose time has
 * come; honour a `Standin-Force` header; else consume the first matching override (latency, then a
 * forced outcome or a stub's answer); serve; then count the answered request towards
 * `afterRequests` triggers. docs/verify-and-stubs.md sets out the precedence.
 * A forced outcome is thrown as a StandinError, so the provider renders it in its own envelope;
 * a dropped connection is `Response.error()`, which the Node edge turns into a destroyed socket
 * and fetch-based transports (MSW) into a network error.
 */
import { forcedError, type ForcedOutcome } from '../core/forced-outcome.js'
import type { AnyProvider, StandinContext } from '../providers/provider.js'
import { countRequest, fireDueEvents } from '../scenarios/events/fire.js'
import type { World } from '../world.js'
import { readStandinForce, STANDIN_FORCE } from './standin-force.js'
import { stubAnswer } from '../core/stub.js'
import { liveFacts } from '../journal/facts.js'

/** The levers around one request: `before` may answer it; `after` counts it once answered. */
export interface Levers {
  /** A lever's answer, or undefined to serve the request; a forced error is thrown. */
  before(c: StandinContext, path: string): Response | undefined | Promise<Response | undefined>
  after(c: StandinContext, path: string): Promise<void> | undefined
}

export function leversOf(world: World, provider: AnyProvider): Levers {
  return {
    before(c, path) {
      const firing = fireDueEvents(world)
      if (firing) return firing.then(() => beforeServing(c, world, provider, path))
      return beforeServing(c, world, provider, path)
    },
    after(c, path) {
      return countRequest(world, () => {
        const id = c.get('credentialId')
        return {
          provider: provider.id,
          method: c.req.method,
          path,
          credential: id === undefined ? undefined : world.credentials.get(id),
        }
      })
    },
  }
}

function beforeServing(
  c: StandinContext,
  world: World,
  provider: AnyProvider,
  path: string,
): Response | undefined | Promise<Response | undefined> {
  const force = readStandinForce(c.req.header(STANDIN_FORCE))
  if (force.kind === 'invalid') {
    c.set('outcome', 'rejected')
    c.set('why', force.message)
    return c.json({ error: { code: 'invalid_request', message: force.message } }, 400)
  }
  if (force.kind === 'force') return forceOutcome(c, force.outcome, `${STANDIN_FORCE} header`)
  if (world.overrides.size === 0) return undefined
  return overrideAnswer(c, world, provider, path)
}

async function overrideAnswer(
  c: StandinContext,
  world: World,
  provider: AnyProvider,
  path: string,
): Promise<Response | undefined> {
  const shot = await takeOverride(c, world, provider, path)
  if (!shot) return undefined
  const { override } = shot
  const by = `${override.source}, override #${String(override.id)} (${String(shot.shot)} of ${String(override.times)})`
  if (override.delayMs > 0) {
    c.set('why', `delayed ${String(override.delayMs)} ms by ${by}`)
    await world.sleep(override.delayMs)
  }
  if (override.outcome !== null)
    return forceOutcome(c, override.outcome, by, override.retryAfter ?? undefined)
  if (override.respond !== null) {
    c.set('outcome', 'stubbed')
    c.set('why', `stubbed by ${by}`)
    return stubAnswer(override.respond, world.fixtures)
  }
  return undefined
}

function takeOverride(c: StandinContext, world: World, provider: AnyProvider, path: string) {
  const request = { provider: provider.id, path }
  if (!world.overrides.matching) return world.overrides.take(request)
  return liveFacts(c, provider.id, world.overrides.readsBody, world.config.bodyLimitBytes).then(
    (facts) => world.overrides.take({ ...request, facts }),
  )
}

function forceOutcome(
  c: StandinContext,
  outcome: ForcedOutcome,
  by: string,
  retryAfter?: number,
): Response {
  c.set('outcome', 'forced')
  if (outcome === 'dropped') {
    c.set('why', `connection dropped by ${by}`)
    return Response.error()
  }
  throw forcedError(outcome, `${outcome} forced by ${by}`, retryAfter)
}
