/**
 * Scripted events in a scenario file: a trigger (`at` a virtual time, `after` seconds since load,
 * or `afterRequests` matching ones) and what to `do`: generic actions that work for every provider
 * (expire, revoke, rateLimit, fail, drop, delay) and the providers' own named actions
 * (`epicollect.deleteApp`, ...). Built from the registry so each provider's actions validate here.
 */
import { z } from 'zod'
import type { ProviderId } from '../../core/glossary.js'
import { FAILURE_STATUSES, type FailureStatus } from '../../core/forced-outcome.js'
import { MAX_PATH_PATTERN_LENGTH } from '../../core/path-pattern.js'
import { MAX_DELAY_MS } from '../../core/sleep.js'
import type { AnyProvider } from '../../providers/provider.js'

/** Which requests a trigger counts or a fault applies to; every key given must match. */
export interface RequestMatch {
  readonly provider?: ProviderId | undefined
  readonly method?: string | undefined
  readonly path?: string | undefined
  readonly kind?: string | undefined
  readonly subject?: string | undefined
  readonly credential?: string | undefined
}

/** The requests a fault applies to, and how many of them. */
export interface FaultTarget {
  readonly provider?: ProviderId | undefined
  readonly path?: string | undefined
  readonly times: number
}

export interface CredentialSelector {
  readonly provider: ProviderId
  readonly kind?: string | undefined
  readonly subject?: string | undefined
}

export type GenericAction =
  | ({ readonly action: 'expire' } & CredentialSelector)
  | ({ readonly action: 'revoke'; readonly reason?: string | undefined } & CredentialSelector)
  | ({ readonly action: 'rateLimit'; readonly retryAfter: number } & FaultTarget)
  | ({ readonly action: 'fail'; readonly status: FailureStatus } & FaultTarget)
  | ({ readonly action: 'drop' } & FaultTarget)
  | ({ readonly action: 'delay'; readonly ms: number } & FaultTarget)

/** `<provider>.<name>` with the action's own arguments beside it. */
export interface ProviderActionCall {
  readonly action: `${string}.${string}`
  readonly [arg: string]: unknown
}

export type EventAction = GenericAction | ProviderActionCall

export interface ScriptedEventSpec {
  readonly name?: string | undefined
  readonly at?: string | undefined
  readonly after?: number | undefined
  readonly afterRequests?: number | undefined
  readonly match?: RequestMatch | undefined
  readonly do: readonly EventAction[]
}

export function buildEventsSchema(providers: readonly AnyProvider[]) {
  const ids = z.enum(providers.map((p) => p.id) as [ProviderId, ...ProviderId[]])
  const path = z
    .string()
    .startsWith('/')
    .max(MAX_PATH_PATTERN_LENGTH)
    .describe(
      "The provider's own path, as on the real service: `*` is any run inside one segment, `**` any number of segments.",
    )
  const target = {
    provider: ids.optional().describe('Only requests to this provider (default: any provider).'),
    path: path.optional(),
    times: z.number().int().min(1).default(1).describe('How many requests (default 1).'),
  }
  const selector = {
    provider: ids.describe('Whose credentials.'),
    kind: z
      .string()
      .min(1)
      .optional()
      .describe('Only this kind (`access_token`, `api_token`, ...).'),
    subject: z.string().min(1).optional().describe('Only credentials held by this subject.'),
  }
  const generic = [
    z
      .object({ action: z.literal('expire'), ...selector })
      .strict()
      .describe('Expire every live credential that matches, now (virtual time).'),
    z
      .object({ action: z.literal('revoke'), ...selector, reason: z.string().min(1).optional() })
      .strict()
      .describe('Revoke every live credential that matches.'),
    z
      .object({
        action: z.literal('rateLimit'),
        ...target,
        retryAfter: z.number().int().min(0).default(60).describe('Retry-After, in seconds.'),
      })
      .strict()
      .describe("Answer the next `times` requests with the provider's 429."),
    z
      .object({ action: z.literal('fail'), ...target, status: z.literal(FAILURE_STATUSES) })
      .strict()
      .describe("Answer the next `times` requests with this status in the provider's envelope."),
    z
      .object({ action: z.literal('drop'), ...target })
      .strict()
      .describe('Close the connection of the next `times` requests without an answer.'),
    z
      .object({
        action: z.literal('delay'),
        ...target,
        ms: z.number().int().min(0).max(MAX_DELAY_MS),
      })
      .strict()
      .describe(
        'Hold the next `times` requests for `ms` milliseconds of real time, then serve them.',
      ),
  ] as const
  const own = providers.flatMap((provider) =>
    Object.entries(provider.actions ?? {}).map(([name, action]) =>
      action.schema
        .extend({ action: z.literal(`${provider.id}.${name}`) })
        .strict()
        .describe(action.description),
    ),
  )
  const action = z.discriminatedUnion('action', [...generic, ...own])
  const match = z
    .object({
      provider: ids.optional(),
      method: z
        .string()
        .regex(/^[A-Z]+$/, 'must be an upper-case HTTP method')
        .optional(),
      path: path.optional(),
      kind: z
        .string()
        .min(1)
        .optional()
        .describe('Only requests made with this kind of credential.'),
      subject: z
        .string()
        .min(1)
        .optional()
        .describe('Only requests made with a credential of this subject.'),
      credential: z
        .string()
        .min(1)
        .optional()
        .describe('Only requests made with this credential id.'),
    })
    .strict()
  const event = z
    .object({
      name: z.string().min(1).optional().describe('Shown in the log and `GET /_standin/scenario`.'),
      at: z.iso
        .datetime({ offset: true })
        .optional()
        .describe('Fire when the virtual clock reaches this instant.'),
      after: z
        .number()
        .min(0)
        .optional()
        .describe('Fire this many seconds (virtual time) after the scenario loads.'),
      afterRequests: z
        .number()
        .int()
        .min(1)
        .optional()
        .describe('Fire once this many requests matching `match` have been answered.'),
      match: match.optional().describe('Which requests `afterRequests` counts (default: all).'),
      do: z
        .union([action, z.array(action).min(1)])
        .transform((v) => (Array.isArray(v) ? v : [v]))
        .describe('One action or a list, run in order.'),
    })
    .strict()
    .superRefine((e, ctx) => {
      const triggers = [e.at, e.after, e.afterRequests].filter((t) => t !== undefined)
      if (triggers.length !== 1)
        ctx.addIssue({
          code: 'custom',
          message: 'give exactly one of "at", "after" or "afterRequests"',
        })
      if (e.match !== undefined && e.afterRequests === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['match'],
          message: 'applies only to "afterRequests"',
        })
    })
  // The provider actions are built at run time, so their calls are typed by their common shape.
  return z
    .array(event)
    .default([])
    .describe(
      'Scripted events: at a time or after N requests, do something.',
    ) as unknown as z.ZodType<ScriptedEventSpec[]>
}
