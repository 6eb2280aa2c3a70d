/**
 * A request as the matcher sees it (core/request-matcher.ts): from a journal entry, or from a live
 * request before it is served, which is how a stub decides whether it answers.
 */
import type { Context } from 'hono'
import type { ProviderId } from '../core/glossary.js'
import type { BodyPreview, JournalEntry } from '../core/journal.js'
import type { RequestFacts } from '../core/request-matcher.js'
import { queryAndHeaders } from './preview.js'
import { previewBody } from './body-preview.js'

export function entryFacts(entry: JournalEntry): RequestFacts {
  const body = entry.request.body
  return {
    provider: entry.provider,
    method: entry.method,
    path: entry.path,
    query: entry.request.query,
    headers: entry.request.headers,
    form: body?.form,
    json: () => jsonOf(body),
    status: entry.status,
    outcome: entry.outcome,
  }
}

function jsonOf(body: BodyPreview | undefined): unknown {
  if (body?.text === undefined || body.truncated) return undefined
  try {
    return JSON.parse(body.text) as unknown
  } catch {
    return undefined
  }
}

/**
 * Reads the body (through hono's cache, so the route reads it again) only when `withBody`, and
 * only a body whose declared size is within `bodyLimit`: the body limit runs after the levers.
 */
export async function liveFacts(
  c: Context,
  provider: ProviderId,
  withBody: boolean,
  bodyLimit: number,
): Promise<RequestFacts> {
  const base = {
    provider,
    method: c.req.method,
    path: c.req.path,
    ...queryAndHeaders(c.req.raw),
  }
  const method = c.req.method
  const size = Number(c.req.header('content-length') ?? Number.NaN)
  if (!withBody || method === 'GET' || method === 'HEAD' || !(size <= bodyLimit))
    return { ...base, form: undefined, json: () => undefined }
  const bytes = new Uint8Array(await c.req.arrayBuffer())
  const preview = previewBody(bytes, c.req.header('content-type'), bytes.length)
  return { ...base, form: preview.form, json: () => jsonOf(preview) }
}
