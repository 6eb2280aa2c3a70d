/**
 * The bulky parts of an inline project (`project-content.ts`): data dictionary rows, records with
 * their rows, and randomization models with their allocation tables.
 */
import { z } from 'zod'

export const TEXT = z.string().default('')
export const ID = z.number().int().nonnegative()
export const PAIRS = z.array(z.tuple([z.string(), z.string()])).default([])

/** A data dictionary row; blank attributes may be left out. */
export const FieldSchema = z
  .object({
    name: z.string().min(1),
    form: z.string().min(1),
    type: z.string().min(1),
    sectionHeader: TEXT,
    label: TEXT,
    choices: TEXT,
    note: TEXT,
    validation: TEXT,
    validationMin: TEXT,
    validationMax: TEXT,
    identifier: TEXT,
    branchingLogic: TEXT,
    required: TEXT,
    customAlignment: TEXT,
    questionNumber: TEXT,
    matrixGroup: TEXT,
    matrixRanking: TEXT,
    annotation: TEXT,
  })
  .strict()

// Schemas here are built on first use (`z.lazy`): a start checks no scenario with them, as the
// bin carries its shipped scenarios checked (src/scenarios/parsed-ahead.ts).
const RowSchema = z.lazy(() =>
  z
    .object({
      eventId: ID,
      repeatInstrument: TEXT,
      instance: z.number().int().positive().nullable().default(null),
      values: PAIRS,
      /** Checkbox field → its checked codes. */
      checked: z.array(z.tuple([z.string(), z.array(z.string())])).default([]),
      /** Form → [survey identifier, completion timestamp]. */
      surveys: z.array(z.tuple([z.string(), z.string(), z.string()])).default([]),
    })
    .strict(),
)

export const RecordSchema = z.lazy(() =>
  z
    .object({
      id: z.string().min(1),
      dagId: ID.nullable().default(null),
      createdAt: z.string(),
      modifiedAt: z.string(),
      rows: z.array(RowSchema),
    })
    .strict(),
)

const AllocationSchema = z.lazy(() =>
  z
    .object({
      target: z.string(),
      alt: TEXT,
      strata: PAIRS,
      dagId: ID.nullable().default(null),
      record: z.string().nullable().default(null),
    })
    .strict(),
)

export const RandomizationSchema = z.lazy(() =>
  z
    .object({
      id: ID,
      targetField: z.string(),
      targetEventId: ID,
      strata: z.array(z.object({ field: z.string(), eventId: ID }).strict()).default([]),
      byDag: z.boolean().default(false),
      blinded: z.boolean().default(false),
      allocations: z.array(AllocationSchema),
    })
    .strict(),
)
