/**
 * Firing scripted events against a world: the generic actions act on the credential registry or
 * queue overrides; `<provider>.<name>` calls the provider's own action. An action that fails is
 * recorded on its event and reported, never thrown into the request that happened to trigger it.
 */
import { describeOverride, type OverrideInput } from '../../core/overrides.js'
import type { CredentialView } from '../../core/credentials.js'
import { OUTCOME_FOR_STATUS } from '../../core/forced-outcome.js'
import type { ProviderId } from '../../core/glossary.js'
import { providerContext } from '../../providers/provider.js'
import type { World } from '../../world.js'
import type { RequestFacts, ScheduledEvent } from './engine.js'
import type {
  CredentialSelector,
  EventAction,
  GenericAction,
  ProviderActionCall,
} from './schema.js'

/**
 * Fires every time event the virtual clock has reached; the promise settles once all firings have
 * finished. Undefined when there is nothing to wait for, so a request pays no extra turn of the
 * event loop in the usual case.
 */
export function fireDueEvents(world: World): Promise<void> | undefined {
  const { scripted } = world
  const due = scripted.takeDue(world.clock.epochMs())
  if (due.length > 0) void scripted.enqueue(() => fireAll(world, due))
  return scripted.quiet ? undefined : scripted.idle()
}

/**
 * Counts an answered request towards `afterRequests` triggers and fires those it completes; like
 * `fireDueEvents`, undefined when there is nothing to wait for. `request` is only built when some
 * event still counts requests.
 */
export function countRequest(world: World, request: () => RequestFacts): Promise<void> | undefined {
  const { scripted } = world
  if (scripted.countsRequests) {
    const fired = scripted.countRequest(request(), world.clock.epochMs())
    if (fired.length > 0) void scripted.enqueue(() => fireAll(world, fired))
  }
  return scripted.quiet ? undefined : scripted.idle()
}

async function fireAll(world: World, events: readonly ScheduledEvent[]): Promise<void> {
  for (const event of events) {
    for (const action of event.spec.do) {
      try {
        const result = await runAction(world, event, action)
        world.scripted.record(event.index, { result })
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error)
        world.scripted.record(event.index, { error: `${action.action}: ${message}` })
      }
    }
    const status = world.scripted.status()[event.index]
    if (status) world.events.emit('scenario:event', status)
  }
}

function runAction(
  world: World,
  event: ScheduledEvent,
  action: EventAction,
): string | Promise<string> {
  if (isProviderCall(action)) return runProviderAction(world, action)
  return runGenericAction(world, event, action)
}

function isProviderCall(action: EventAction): action is ProviderActionCall {
  return action.action.includes('.')
}

function runGenericAction(world: World, event: ScheduledEvent, action: GenericAction): string {
  const source = `scripted event "${event.label}"`
  const queue = (input: Omit<OverrideInput, 'source'>) =>
    `queued ${describeOverride(world.overrides.add({ ...input, source }))}`
  switch (action.action) {
    case 'expire': {
      const live = world.credentials.list((c) => selects(action, c))
      for (const credential of live) world.credentials.expire(credential.id)
      return `expired ${countOf(live.length, action)}`
    }
    case 'revoke': {
      const n = world.credentials.revokeWhere(
        (c) => selects(action, c),
        action.reason ?? `revoked by ${source}`,
      )
      return `revoked ${countOf(n, action)}`
    }
    case 'rateLimit':
      return queue({ ...target(action), outcome: 'rate-limited', retryAfter: action.retryAfter })
    case 'fail':
      return queue({ ...target(action), outcome: OUTCOME_FOR_STATUS[action.status] })
    case 'drop':
      return queue({ ...target(action), outcome: 'dropped' })
    case 'delay':
      return queue({ ...target(action), delayMs: action.ms })
  }
}

function target(action: {
  provider?: ProviderId | undefined
  path?: string | undefined
  times: number
}) {
  return { provider: action.provider, path: action.path, times: action.times }
}

function selects(selector: CredentialSelector, c: CredentialView): boolean {
  return (
    c.status === 'active' &&
    c.provider === selector.provider &&
    (selector.kind === undefined || c.kind === selector.kind) &&
    (selector.subject === undefined || c.subject === selector.subject)
  )
}

function countOf(n: number, selector: CredentialSelector): string {
  const what = [selector.provider, selector.kind ?? 'credential'].join(' ')
  const whose = selector.subject === undefined ? '' : ` of ${selector.subject}`
  return `${String(n)} live ${what}${n === 1 ? '' : 's'}${whose}`
}

async function runProviderAction(world: World, call: ProviderActionCall): Promise<string> {
  const [id = '', name = ''] = call.action.split('.')
  const provider = world.providers.find((p) => p.id === id)
  const action = provider?.actions?.[name]
  // The scenario schema only admits registered actions; a world built by hand might still differ.
  if (!provider || !action) throw new Error(`no provider action "${call.action}"`)
  const args: Record<string, unknown> = { ...call }
  delete args.action
  const result = await action.run(providerContext(provider, world), args)
  return result ?? `ran ${call.action}`
}
