/**
 * Randomization models (Project Setup > Randomization): a target field on an event, the fields
 * (and optionally the DAG) that stratify, and the allocation table REDCap uploads; each row is used
 * once, by the first record whose strata match it, in table order. A fixture lists its models under
 * `randomization`; `contents/record-randomize.ts` serves Randomize Record.
 */
import { z } from 'zod'
import type { Project, Randomization } from './model.js'
import { eventByUniqueName, fieldByName, firstEvent } from './project-shape.js'

const EventName = z.string().default('').describe('Unique event name; blank: the first event.')

// Built on first use (`z.lazy`): the bin carries its shipped fixture projects checked
// (`readProjectFixture`, src/core/parsed-ahead.ts), so a start needs no schema for them.
export const RandomizationFixtureSchema = z.lazy(() =>
  z
    .array(
      z
        .object({
          id: z.number().int().positive(),
          targetField: z.string().min(1),
          targetEvent: EventName,
          strata: z.array(z.object({ field: z.string(), event: EventName }).strict()).default([]),
          /** The record's DAG stratifies too (REDCap's "randomize by group"). */
          byDag: z.boolean().default(false),
          /** Blinded models never reveal the alternate value. */
          blinded: z.boolean().default(false),
          allocations: z
            .array(
              z
                .object({
                  target: z.string(),
                  alt: z.string().default(''),
                  strata: z.record(z.string(), z.string()).default({}),
                  dag: z.string().optional(),
                })
                .strict(),
            )
            .min(1),
        })
        .strict(),
    )
    .default([]),
)

export type { Allocation, Randomization } from './model.js'

export function buildRandomizations(
  project: Project,
  models: z.output<typeof RandomizationFixtureSchema>,
): Randomization[] {
  const eventId = (unique: string) => {
    const event = unique === '' ? firstEvent(project) : eventByUniqueName(project, unique)
    if (!event) throw new Error(`The randomization model names an unknown event "${unique}".`)
    return event.id
  }
  return models.map((m) => {
    for (const name of [m.targetField, ...m.strata.map((s) => s.field)])
      if (!fieldByName(project, name))
        throw new Error(`The randomization model names an unknown field "${name}".`)
    return {
      id: m.id,
      targetField: m.targetField,
      targetEventId: eventId(m.targetEvent),
      strata: m.strata.map((s) => ({ field: s.field, eventId: eventId(s.event) })),
      byDag: m.byDag,
      blinded: m.blinded,
      allocations: m.allocations.map((a) => {
        const dag = a.dag === undefined ? null : project.dags.find((d) => d.uniqueName === a.dag)
        if (dag === undefined)
          throw new Error(`The allocation names an unknown DAG "${a.dag ?? ''}".`)
        return {
          target: a.target,
          alt: a.alt,
          strata: a.strata,
          dagId: dag?.id ?? null,
          record: null,
        }
      }),
    }
  })
}
