/**
 * The scenario format, assembled from each provider's seed schema so a new provider extends it
 * by itself. The registry is passed in, which keeps this module free of hono.
 */
import { z } from 'zod'
import type { AnyProvider } from '../providers/provider.js'
import { overridePayloadSchema, type OverrideInput } from '../core/overrides.js'
import { buildEventsSchema, type ScriptedEventSpec } from './events/schema.js'

export const ClockSeedSchema = z
  .object({
    start: z.iso
      .datetime({ offset: true })
      .describe('Virtual time at load and on reset, ISO 8601 (e.g. 2026-01-15T09:00:00Z).'),
    frozen: z
      .boolean()
      .optional()
      .describe(
        'Start with the virtual clock held still (default: running; tests default to frozen).',
      ),
  })
  .strict()

/**
 * `withEvents: false` gives the schema for a scenario without an `events` key: the same fields and
 * output (`events: []`), without building a schema for every provider action it never checks.
 */
export function buildScenarioSchema(providers: readonly AnyProvider[], withEvents = true) {
  const sections: Record<string, z.ZodType> = {}
  for (const provider of providers) sections[provider.id] = provider.seedSchema.optional()
  return z
    .object({
      name: z
        .string()
        .min(1)
        .optional()
        .describe('Shown in the dashboard and `standin scenarios`.'),
      description: z
        .string()
        .optional()
        .describe('What this scenario is for, in one or two lines.'),
      seed: z
        .union([z.number().int(), z.string().min(1)])
        .optional()
        .describe('Seed for every generated token and id, so a run replays byte for byte.'),
      clock: ClockSeedSchema.optional().describe('The virtual clock; defaults to real time.'),
      clientClockSkewSeconds: z
        .number()
        .default(0)
        .describe(
          'Seconds the client clock runs ahead of the provider (negative: behind); client-stamped times such as a Redox assertion iat are checked as if so.',
        ),
      providers: z.object(sections).strict().default({}),
      events: withEvents ? buildEventsSchema(providers) : noEvents(),
      stubs: z
        .array(overridePayloadSchema(providers.map((p) => p.id)))
        .default([])
        .describe(
          'Overrides queued at load and on reset: stubs (`respond`) and forced outcomes, as `POST /_standin/overrides` takes them.',
        ),
    })
    .strict()
}

function noEvents(): ReturnType<typeof buildEventsSchema> {
  return z.array(z.never()).default([])
}

export type ScenarioSchema = ReturnType<typeof buildScenarioSchema>

/** A parsed scenario. Provider sections stay `unknown` here; each provider parsed its own. */
export interface Scenario {
  readonly name?: string | undefined
  readonly description?: string | undefined
  readonly seed?: number | string | undefined
  readonly clock?: { readonly start: string; readonly frozen?: boolean | undefined } | undefined
  readonly clientClockSkewSeconds: number
  readonly providers: Readonly<Record<string, unknown>>
  /** Scripted events (see `scenarios/events/`); parsed scenarios always have the list. */
  readonly events?: readonly ScriptedEventSpec[] | undefined
  /** Overrides and stubs queued at load (see `core/overrides.ts`). */
  readonly stubs?: readonly Omit<OverrideInput, 'source'>[] | undefined
}
