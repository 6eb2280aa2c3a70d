/**
 * The control plane's own envelope, `{"error": {"code", "message"}}`, and payload parsing that turns
 * zod issues into one readable sentence.
 */
import type { Context } from 'hono'
import type { z } from 'zod'
import { StandinError, toStandinError } from '../core/errors.js'
import { toProblems } from '../core/issues.js'
import { ScenarioError } from '../core/data-text.js'

export function renderAdminError(error: unknown, c: Context): Response {
  const e =
    error instanceof ScenarioError
      ? new StandinError('invalid_request', error.message)
      : toStandinError(error)
  c.set('why', e.why)
  if (e.code === 'internal') c.set('internalError', e)
  const message = e.code === 'internal' ? 'Internal error: see the standin log.' : e.message
  const response = c.json({ error: { code: e.code, message } }, e.status as 400)
  for (const [name, value] of Object.entries(e.headers)) response.headers.set(name, value)
  return response
}

/** Reads a JSON body (empty = `{}`) and validates it; failures are `invalid_request` with the path. */
export async function readPayload<S extends z.ZodType>(
  c: Context,
  schema: S,
): Promise<z.output<S>> {
  const text = await c.req.text()
  let data: unknown = {}
  if (text.trim() !== '') {
    try {
      data = JSON.parse(text) as unknown
    } catch {
      throw new StandinError(
        'invalid_request',
        'Failed to read the request body: it is not valid JSON.',
      )
    }
  }
  const result = schema.safeParse(data)
  if (result.success) return result.data
  const problems = toProblems(result.error)
    .map((p) => `${p.path}: ${p.message}`)
    .join('; ')
  throw new StandinError('invalid_request', `Invalid payload: ${problems}.`)
}
