/**
 * Which scripted events are due: time triggers fire once the virtual clock reaches them (checked on
 * each request and after each control-plane call, so no timers run), request triggers once their
 * N-th matching request has been answered. Each event fires at most once per load. Pure: running
 * the actions is `fire.ts`'s job.
 */
import type { CredentialView } from '../../core/credentials.js'
import type { ScriptedEventStatus } from '../../core/events.js'
import type { ProviderId } from '../../core/glossary.js'
import { matchesPath } from '../../core/path-pattern.js'
import type { RequestMatch, ScriptedEventSpec } from './schema.js'

/** One answered provider request, as request triggers see it. */
export interface RequestFacts {
  readonly provider: ProviderId
  readonly method: string
  /** The provider's own path, without standin's mount (`/api/export/entries/demo`). */
  readonly path: string
  /** The credential the provider accepted, if any. */
  readonly credential?: CredentialView | undefined
}

export interface ScheduledEvent {
  readonly index: number
  readonly label: string
  readonly spec: ScriptedEventSpec
}

interface EventState extends ScheduledEvent {
  readonly dueMs: number | null
  seen: number
  firedAtMs: number | null
  results: string[]
  errors: string[]
}

/** What `takeDue` answers on almost every request: nothing, without a new array each time. */
const NONE_DUE: readonly ScheduledEvent[] = []

export class ScriptedEvents {
  readonly #events: EventState[]
  #tail: Promise<void> = Promise.resolve()
  /** Firings queued and not yet settled: while none are, a request has nothing to wait for. */
  #running = 0
  /** Events not fired yet: while none are, the per-request checks cost nothing. */
  #unfired: number

  constructor(specs: readonly ScriptedEventSpec[], loadedAtMs: number) {
    this.#events = specs.map((spec, index) => ({
      index,
      spec,
      label: spec.name ?? `events[${String(index)}]`,
      dueMs:
        spec.at !== undefined
          ? Date.parse(spec.at)
          : spec.after !== undefined
            ? loadedAtMs + spec.after * 1000
            : null,
      seen: 0,
      firedAtMs: null,
      results: [],
      errors: [],
    }))
    this.#unfired = this.#events.length
  }

  /** True when no firing is queued or running. */
  get quiet(): boolean {
    return this.#running === 0
  }

  /** True while some event still waits for a request count. */
  get countsRequests(): boolean {
    return (
      this.#unfired > 0 &&
      this.#events.some((e) => e.firedAtMs === null && e.spec.afterRequests !== undefined)
    )
  }

  /** Time events the clock has reached, earliest first, marked fired at `nowMs`. */
  takeDue(nowMs: number): readonly ScheduledEvent[] {
    if (this.#unfired === 0) return NONE_DUE
    const due = this.#events
      .filter((e) => e.firedAtMs === null && e.dueMs !== null && e.dueMs <= nowMs)
      .sort((a, b) => (a.dueMs ?? 0) - (b.dueMs ?? 0) || a.index - b.index)
    for (const e of due) e.firedAtMs = nowMs
    this.#unfired -= due.length
    return due
  }

  /** Counts one answered request; returns the request events it completes, marked fired. */
  countRequest(request: RequestFacts, nowMs: number): ScheduledEvent[] {
    const fired: ScheduledEvent[] = []
    for (const e of this.#events) {
      const { afterRequests } = e.spec
      if (e.firedAtMs !== null || afterRequests === undefined) continue
      if (!matchesRequest(e.spec.match ?? {}, request)) continue
      e.seen++
      if (e.seen >= afterRequests) {
        e.firedAtMs = nowMs
        this.#unfired--
        fired.push(e)
      }
    }
    return fired
  }

  /** Records what an action of a fired event did, or why it failed. */
  record(index: number, outcome: { result?: string; error?: string }): void {
    const e = this.#events[index]
    if (!e) return
    if (outcome.result !== undefined) e.results.push(outcome.result)
    if (outcome.error !== undefined) e.errors.push(outcome.error)
  }

  /**
   * Runs `work` after everything queued before it, so firings never interleave and a request that
   * waits on `idle()` sees every effect of the events that fired before it arrived.
   */
  enqueue(work: () => Promise<void>): Promise<void> {
    // The work records its own failures on the events; a stray throw must not wedge the queue.
    this.#running++
    this.#tail = this.#tail
      .then(work)
      .catch(() => undefined)
      .finally(() => {
        this.#running--
      })
    return this.#tail
  }

  idle(): Promise<void> {
    return this.#tail
  }

  status(): ScriptedEventStatus[] {
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())
    return this.#events.map((e) => ({
      index: e.index,
      name: e.label,
      trigger: describeTrigger(e.spec, iso(e.dueMs)),
      dueAt: iso(e.dueMs),
      seen: e.spec.afterRequests === undefined ? null : e.seen,
      firedAt: iso(e.firedAtMs),
      results: [...e.results],
      errors: [...e.errors],
    }))
  }
}

export function matchesRequest(match: RequestMatch, request: RequestFacts): boolean {
  const { credential } = request
  return (
    (match.provider === undefined || match.provider === request.provider) &&
    (match.method === undefined || match.method === request.method) &&
    (match.path === undefined || matchesPath(match.path, request.path)) &&
    (match.kind === undefined || match.kind === credential?.kind) &&
    (match.subject === undefined || match.subject === credential?.subject) &&
    (match.credential === undefined || match.credential === credential?.id)
  )
}

function describeTrigger(spec: ScriptedEventSpec, dueAt: string | null): string {
  if (spec.afterRequests === undefined) return `at ${String(dueAt)}`
  const match = Object.entries(spec.match ?? {})
    .map(([key, value]) => `${key} ${String(value)}`)
    .join(', ')
  const requests = spec.afterRequests === 1 ? 'request' : 'requests'
  return `after ${String(spec.afterRequests)} ${requests}${match === '' ? '' : ` (${match})`}`
}
