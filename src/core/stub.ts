/**
 * A stub's canned answer: a status, headers and a body given as text, as JSON, or as a file under
 * fixtures/. It answers on any path under a provider's mount, routes standin does not simulate
 * included (REDCap's `content=alerts`, a new endpoint), before the simulation or the upstream.
 */
import { z } from 'zod'
import type { FixtureStore } from './fixtures.js'
import { StandinError } from './errors.js'

// Built on first use (`z.lazy`): only a queued override, a journal search or a scenario with
// stubs checks one, never a plain start.
export const stubResponseSchema = z.lazy(() =>
  z
    .object({
      status: z.number().int().min(200).max(599).default(200),
      headers: z.record(z.string(), z.string()).optional(),
      body: z
        .string()
        .optional()
        .describe('The body as text (content type text/plain unless given).'),
      json: z.unknown().optional().describe('The body as JSON (content type application/json).'),
      file: z
        .string()
        .min(1)
        .optional()
        .describe('A file under fixtures/ sent as the body, e.g. `redcap/alerts.json`.'),
    })
    .strict()
    .refine((r) => [r.body, r.json, r.file].filter((b) => b !== undefined).length <= 1, {
      message: 'give one of "body", "json" or "file"',
    }),
)

export type StubResponse = z.output<typeof stubResponseSchema>

const TYPES: Readonly<Record<string, string>> = {
  json: 'application/json',
  xml: 'text/xml; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
}

/** Refuses a stub whose file is missing when it is queued, not when a request meets it. */
export function checkStub(respond: StubResponse | undefined, fixtures: FixtureStore): void {
  if (respond?.file !== undefined && !safeExists(fixtures, respond.file))
    throw new StandinError('invalid_request', `No fixture file "${respond.file}" for the stub.`)
}

function safeExists(fixtures: FixtureStore, file: string): boolean {
  if (file.split(/[\\/]/).includes('..')) return false
  try {
    return fixtures.exists(file)
  } catch {
    return false
  }
}

export function stubAnswer(respond: StubResponse, fixtures: FixtureStore): Response {
  const headers = new Headers(respond.headers)
  let body: BodyInit | null = null
  let type: string | undefined
  if (respond.json !== undefined) {
    body = JSON.stringify(respond.json)
    type = 'application/json'
  } else if (respond.body !== undefined) {
    body = respond.body
    type = 'text/plain; charset=utf-8'
  } else if (respond.file !== undefined) {
    body = fixtures.readBytes(respond.file).slice()
    type = TYPES[respond.file.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream'
  }
  if (type !== undefined && !headers.has('content-type')) headers.set('content-type', type)
  const empty = respond.status === 204 || respond.status === 205 || respond.status === 304
  return new Response(empty ? null : body, { status: respond.status, headers })
}
