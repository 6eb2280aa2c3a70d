/**
 * Overrides: one-shot, N-shot or sticky levers queued per provider (or for any provider, optionally
 * only on a path pattern and a request matcher) and consumed in order, like navikt's per-issuer
 * callback queue. Each one forces an outcome, adds latency, or both, or answers as a stub with a
 * canned response (`respond`, see core/stub.ts). `POST /_standin/overrides` adds them; a scenario's
 * `stubs:` and scripted `rateLimit`, `fail`, `drop` and `delay` actions queue them too, so every
 * armed fault and stub is listed in one place.
 */
import { z } from 'zod'
import {
  FAILURE_STATUSES,
  FORCED_OUTCOMES,
  OUTCOME_FOR_STATUS,
  type ForcedOutcome,
} from './forced-outcome.js'
import type { ProviderId } from './glossary.js'
import { MAX_PATH_PATTERN_LENGTH, matchesPath } from './path-pattern.js'
import { MAX_DELAY_MS } from './sleep.js'
import {
  differences,
  requestMatcherSchema,
  type RequestFacts,
  type RequestMatcher,
} from './request-matcher.js'
import { stubResponseSchema, type StubResponse } from './stub.js'

export interface OverrideInput {
  readonly provider?: ProviderId | undefined
  readonly path?: string | undefined
  readonly times: number
  readonly outcome?: ForcedOutcome | undefined
  readonly delayMs?: number | undefined
  /** Retry-After of a forced 429, in seconds. */
  readonly retryAfter?: number | undefined
  /** Only requests this matches (its `path` is the whole path, as the journal shows it). */
  readonly match?: RequestMatcher | undefined
  /** A stub: answer with this instead of the simulation or the upstream. */
  readonly respond?: StubResponse | undefined
  /** Never used up: applies to every matching request until removed. */
  readonly sticky?: boolean | undefined
  /** Who queued it: `control plane`, `scenario` or `scripted event "name"`. */
  readonly source: string
}

export interface OverrideView {
  readonly id: number
  readonly provider: ProviderId | null
  readonly path: string | null
  readonly outcome: ForcedOutcome | null
  readonly delayMs: number
  readonly retryAfter: number | null
  readonly match: RequestMatcher | null
  readonly respond: StubResponse | null
  readonly times: number
  readonly remaining: number
  readonly sticky: boolean
  readonly source: string
}

/** The request an override is checked against: the path under the mount, and for matchers all. */
export interface OverrideRequest {
  readonly provider: ProviderId
  readonly path: string
  /** Absent while no queued override has a matcher. */
  readonly facts?: RequestFacts | undefined
}

/** One consumed shot: the override and which of its `times` this is (1-based). */
export interface Shot {
  readonly override: OverrideView
  readonly shot: number
}

export class OverrideQueue {
  readonly #queue: { view: OverrideView; remaining: number }[] = []
  #nextId = 1

  add(input: OverrideInput): OverrideView {
    const view: OverrideView = {
      id: this.#nextId++,
      provider: input.provider ?? null,
      path: input.path ?? null,
      outcome: input.outcome ?? null,
      delayMs: input.delayMs ?? 0,
      retryAfter: input.outcome === 'rate-limited' ? (input.retryAfter ?? null) : null,
      match: input.match ?? null,
      respond: input.respond ?? null,
      times: input.times,
      remaining: input.times,
      sticky: input.sticky ?? false,
      source: input.source,
    }
    this.#queue.push({ view, remaining: input.times })
    return view
  }

  get size(): number {
    return this.#queue.length
  }

  /** Whether some queued override has a matcher, and so needs the request's facts. */
  get matching(): boolean {
    return this.#queue.some(({ view }) => view.match !== null)
  }

  /** Whether some matcher looks at the body (form fields or JSON), which must then be read. */
  get readsBody(): boolean {
    return this.#queue.some(
      ({ view }) => view.match?.form !== undefined || view.match?.json !== undefined,
    )
  }

  /** Consumes one shot of the first override that applies to this request, if any. */
  take(request: OverrideRequest): Shot | undefined {
    const index = this.#queue.findIndex(({ view }) => applies(view, request))
    const entry = this.#queue[index]
    if (!entry) return undefined
    if (entry.view.sticky) {
      entry.remaining = entry.view.times
      return { override: { ...entry.view }, shot: 1 }
    }
    entry.remaining--
    if (entry.remaining === 0) this.#queue.splice(index, 1)
    return {
      override: { ...entry.view, remaining: entry.remaining },
      shot: entry.view.times - entry.remaining,
    }
  }

  list(): OverrideView[] {
    return this.#queue.map(({ view, remaining }) => ({ ...view, remaining }))
  }

  remove(id: number): OverrideView | undefined {
    const index = this.#queue.findIndex(({ view }) => view.id === id)
    const [entry] = index === -1 ? [] : this.#queue.splice(index, 1)
    return entry && { ...entry.view, remaining: entry.remaining }
  }

  clear(): number {
    const n = this.#queue.length
    this.#queue.length = 0
    return n
  }
}

function applies(view: OverrideView, request: OverrideRequest): boolean {
  if (view.provider !== null && view.provider !== request.provider) return false
  if (view.path !== null && !matchesPath(view.path, request.path)) return false
  if (view.match === null) return true
  return request.facts !== undefined && differences(view.match, request.facts).length === 0
}

/**
 * The body of `POST /_standin/overrides` (and an item of a scenario's `stubs:`); `status` is
 * shorthand for the forced outcome it stands for.
 */
export function overridePayloadSchema(providers: readonly ProviderId[]) {
  return z
    .object({
      provider: z.enum(providers as [ProviderId, ...ProviderId[]]).optional(),
      path: z.string().startsWith('/').max(MAX_PATH_PATTERN_LENGTH).optional(),
      times: z.number().int().min(1).default(1),
      outcome: z.enum(FORCED_OUTCOMES).optional(),
      status: z.literal(FAILURE_STATUSES).optional(),
      delayMs: z.number().int().min(0).max(MAX_DELAY_MS).optional(),
      retryAfter: z.number().int().min(0).optional(),
      match: requestMatcherSchema.optional(),
      respond: stubResponseSchema.optional(),
      sticky: z.boolean().optional().describe('Apply to every matching request until removed.'),
    })
    .strict()
    .refine((o) => o.outcome === undefined || o.status === undefined, {
      message: 'give "outcome" or "status", not both',
    })
    .refine((o) => o.respond === undefined || (o.outcome ?? o.status) === undefined, {
      message: 'give "respond" or a forced "outcome", not both',
    })
    .refine(
      (o) =>
        o.outcome !== undefined ||
        o.status !== undefined ||
        o.delayMs !== undefined ||
        o.respond !== undefined,
      { message: 'give "outcome", "status", "delayMs" or "respond"' },
    )
    .transform(({ status, ...rest }): Omit<OverrideInput, 'source'> => ({
      ...rest,
      outcome: status === undefined ? rest.outcome : OUTCOME_FOR_STATUS[status],
    }))
}

/** "fail the next 3 requests to redox on /fhir/* with unavailable": for logs and results. */
export function describeOverride(o: OverrideView): string {
  const what = [
    o.delayMs > 0 ? `delay by ${String(o.delayMs)} ms` : undefined,
    o.outcome === null ? undefined : `force ${o.outcome}`,
    o.respond === null ? undefined : `answer ${String(o.respond.status)}`,
  ]
    .filter((part) => part !== undefined)
    .join(' and ')
  const requests = o.sticky
    ? 'every request'
    : o.times === 1
      ? 'the next request'
      : `the next ${String(o.times)} requests`
  const where = `${o.provider === null ? 'to any provider' : `to ${o.provider}`}${o.path === null ? '' : ` on ${o.path}`}`
  return `override #${String(o.id)}: ${what} ${requests} ${where}`
}
