/**
 * The journal middleware around every provider request: after the route answered, it records the
 * request (query, headers, body preview) and the response (status, headers, body preview), every
 * secret redacted (journal/preview.ts). It reads the request body only from hono's cache, or while
 * it is still unread and of a declared size: a body the proxy streamed to the upstream is gone and
 * journaled as `streamed`.
 */
import type { Context, MiddlewareHandler } from 'hono'
import type { BodyPreview, JournalEntry, JournalRequest, JournalResponse } from '../core/journal.js'
import type { ProviderId } from '../core/glossary.js'
import type { Pair } from '../proxy/form.js'
import type { StandinEnv } from '../providers/provider.js'
import type { World } from '../world.js'
import { CLIENT_GONE_WHY, clientGone } from '../client-gone.js'
import { isTextual } from '../core/media-type.js'
import { previewBody, queryAndHeaders, toHeaders, toParams, type Scrub } from './preview.js'

export function journalRequests(
  world: World,
  provider: ProviderId,
  scrub: Scrub,
): MiddlewareHandler<StandinEnv> {
  return async function journalRequest(c, next) {
    const started = performance.now()
    const at = world.clock.now().toISOString()
    await next()
    if (c.get('outcome') !== 'aborted' && clientGone(c.req.raw)) {
      c.set('outcome', 'aborted')
      c.set('why', CLIENT_GONE_WHY)
    }
    // An aborted request's answer never went on the wire, so it has no status.
    const aborted = c.get('outcome') === 'aborted'
    const status = aborted ? 0 : c.res.status
    const outcome = c.get('outcome') ?? (status < 400 ? 'ok' : 'rejected')
    const previewBytes = world.config.journalPreviewBytes
    const request = await captureRequest(c, previewBytes, world.config.bodyLimitBytes, scrub)
    const response = await captureResponse(c.res, previewBytes, outcome === 'proxied', scrub)
    // `c.get`, not `c.var`: hono builds a new object of every variable on each `c.var` read.
    const why = c.get('why')
    const credentialId = c.get('credentialId')
    const entry: JournalEntry = world.journal.add({
      at,
      provider,
      method: c.req.method,
      path: c.req.path,
      status,
      outcome,
      ...(why === undefined ? {} : { why }),
      ...(credentialId === undefined ? {} : { credentialId }),
      durationMs: Math.round((performance.now() - started) * 100) / 100,
      request,
      response,
    })
    world.events.emit('request:end', entry)
  }
}

async function captureRequest(
  c: Context,
  previewBytes: number,
  bodyLimit: number,
  scrub: Scrub,
): Promise<JournalRequest> {
  const { query, headers } = queryAndHeaders(c.req.raw, scrub)
  const body = await requestBody(c, previewBytes, bodyLimit, scrub)
  return { query, headers, ...(body ? { body } : {}) }
}

async function requestBody(
  c: Context,
  previewBytes: number,
  bodyLimit: number,
  scrub: Scrub,
): Promise<BodyPreview | undefined> {
  const method = c.req.method
  if (method === 'GET' || method === 'HEAD') return undefined
  const contentType = c.req.header('content-type')
  const declared = c.req.header('content-length')
  const cache = c.req.bodyCache
  try {
    if (cache.arrayBuffer || cache.text || cache.json || cache.blob) {
      return previewBody(
        new Uint8Array(await c.req.arrayBuffer()),
        contentType,
        previewBytes,
        scrub,
      )
    }
    if (cache.formData) return formPreview(await c.req.formData(), contentType, declared, scrub)
    const raw = c.req.raw
    if (raw.body === null) return undefined
    const size = declared === undefined ? Number.NaN : Number(declared)
    if (raw.bodyUsed || !(size <= bodyLimit)) {
      return {
        ...(contentType ? { contentType } : {}),
        size: Number.isNaN(size) ? 0 : size,
        truncated: true,
        omitted: raw.bodyUsed ? 'streamed' : 'not kept',
      }
    }
    return previewBody(new Uint8Array(await c.req.arrayBuffer()), contentType, previewBytes, scrub)
  } catch {
    return {
      ...(contentType ? { contentType } : {}),
      size: 0,
      truncated: true,
      omitted: 'not kept',
    }
  }
}

/** A body a route read as FormData (its bytes are not cached): the fields, files described. */
function formPreview(
  form: FormData,
  contentType: string | undefined,
  declared: string | undefined,
  scrub: Scrub,
): BodyPreview {
  const pairs: Pair[] = []
  for (const [name, value] of form.entries()) {
    pairs.push([
      name,
      typeof value === 'string' ? value : `<file "${value.name}", ${String(value.size)} bytes>`,
    ])
  }
  return {
    ...(contentType ? { contentType } : {}),
    size: Number(declared ?? 0) || 0,
    truncated: false,
    form: toParams(pairs, scrub),
    omitted: 'multipart',
  }
}

async function captureResponse(
  response: Response,
  previewBytes: number,
  streamed: boolean,
  scrub: Scrub,
): Promise<JournalResponse> {
  const headers = toHeaders(response.headers, scrub)
  if (response.body === null) return { headers }
  const contentType = response.headers.get('content-type') ?? undefined
  // A proxied body streams from the upstream as it comes, and a binary one has no text to show.
  if (streamed || previewBytes <= 0 || !isTextual(contentType)) {
    const size = Number(response.headers.get('content-length') ?? 0) || 0
    const omitted = streamed ? 'streamed' : previewBytes <= 0 ? 'not kept' : 'binary'
    const kind = contentType ? { contentType } : {}
    return { headers, body: { ...kind, size, truncated: size > 0, omitted } }
  }
  const bytes = new Uint8Array(await response.clone().arrayBuffer())
  return { headers, body: previewBody(bytes, contentType, previewBytes, scrub) }
}
