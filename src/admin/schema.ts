/**
 * Payloads of the control plane, `/_standin/*`.
 */
import { z } from 'zod'

export const ClockChangeSchema = z
  .object({
    advance: z.number().optional().describe('Seconds to move the virtual clock (negative: back).'),
    set: z.iso.datetime({ offset: true }).optional().describe('An instant to jump to, ISO 8601.'),
    freeze: z.boolean().optional().describe('Hold the virtual clock still (true) or let it run.'),
  })
  .strict()
  .refine((v) => v.advance !== undefined || v.set !== undefined || v.freeze !== undefined, {
    message: 'give one of "advance", "set" or "freeze"',
  })

export const RequestsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100_000).optional(),
})

export const ScenarioByNameSchema = z.object({ name: z.string().min(1) }).strict()

/** A whole scenario as the body; the scenario schema validates it. */
export const ScenarioBodySchema = z.record(z.string(), z.unknown())
