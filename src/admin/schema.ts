/**
 * Payloads of the control plane, `/_standin/*`. Each schema is built on first use: only
 * control-plane calls check them, and a start should not pay for building them.
 */
import { z } from 'zod'
import { onFirstUse } from '../core/first-use.js'

export const clockChangeSchema = onFirstUse(() =>
  z
    .object({
      advance: z
        .number()
        .optional()
        .describe('Seconds to move the virtual clock (negative: back).'),
      set: z.iso.datetime({ offset: true }).optional().describe('An instant to jump to, ISO 8601.'),
      freeze: z.boolean().optional().describe('Hold the virtual clock still (true) or let it run.'),
    })
    .strict()
    .refine((v) => v.advance !== undefined || v.set !== undefined || v.freeze !== undefined, {
      message: 'give one of "advance", "set" or "freeze"',
    }),
)

export const scenarioByNameSchema = onFirstUse(() => z.object({ name: z.string().min(1) }).strict())

/** A whole scenario as the body; the scenario schema validates it. */
export const scenarioBodySchema = onFirstUse(() => z.record(z.string(), z.unknown()))

/** The most credentials one `GET /_standin/tokens` page holds, and its default size. */
export const MAX_TOKENS_PAGE = 5000
export const DEFAULT_TOKENS_PAGE = 500

export const tokensQuerySchema = onFirstUse(() =>
  z.object({
    limit: z.coerce.number().int().min(1).max(MAX_TOKENS_PAGE).default(DEFAULT_TOKENS_PAGE),
    cursor: z
      .string()
      .regex(/^\d{1,15}$/)
      .optional(),
  }),
)

/** `POST /_standin/sessions`: built on first use, as only creating a session checks it. */
export const createSessionSchema = onFirstUse(() =>
  z
    .object({
      scenario: z
        .union([z.string().min(1), z.record(z.string(), z.unknown())])
        .optional()
        .describe('A scenario name in scenarios/, or the scenario itself; default: the root one.'),
      seed: z
        .union([z.number().int(), z.string().min(1)])
        .optional()
        .describe('Seed for the session; default: the scenario seed mixed with the session id.'),
    })
    .strict(),
)
