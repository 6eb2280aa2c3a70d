/**
 * Parts of `providers.redcap` a snapshot writes so a fresh standin carries on where the old one
 * stood: token requests with their status (never a token) and the next ids REDCap hands out.
 */
import { z } from 'zod'

const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/

// Schemas here are built on first use (`z.lazy`): a start checks no scenario with them, as the
// bin carries its shipped scenarios checked (src/scenarios/parsed-ahead.ts).
export const TokenRequestSeedSchema = z.lazy(() =>
  z
    .object({
      id: z.string().min(1),
      projectId: z.number().int().positive(),
      username: z.string().min(1),
      status: z.enum(['pending', 'approved', 'rejected']),
      requestedAt: z.string().regex(TIMESTAMP),
      decidedAt: z.string().regex(TIMESTAMP).nullable().default(null),
    })
    .strict(),
)

const NEXT_ID = z.number().int().positive()

/** REDCap's ids are global: events, DAGs, roles, stored files, projects and folders. */
export const SequenceSeedSchema = z.lazy(() =>
  z
    .object({
      event: NEXT_ID,
      dag: NEXT_ID,
      role: NEXT_ID,
      doc: NEXT_ID,
      project: NEXT_ID,
      folder: NEXT_ID,
    })
    .strict(),
)
