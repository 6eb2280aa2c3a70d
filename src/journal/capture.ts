/**
 * The journal's part of every provider request (provider-front.ts). While the request is answered it keeps
 * only what is already in hand: the URL, the raw request headers, the head of each body (the bytes
 * or text the route read and the body the route answered with, journal/preview.ts), and the
 * redactor's secrets of the moment. The entry's request and response, every secret redacted, are
 * built from those when the entry is first read (core/journal.ts): most entries never are.
 * It reads the request body only from hono's cache, or while it is still unread and of a declared
 * size: a body the proxy streamed to the upstream is gone and journaled as `streamed`.
 */
import type { Context } from 'hono'
import {
  LaterJournalRecord,
  type BodyPreview,
  type JournalDetail,
  type JournalRequest,
  type JournalSummary,
} from '../core/journal.js'
import type { ProviderId } from '../core/glossary.js'
import type { Pair } from '../proxy/form.js'
import type { StandinContext } from '../providers/provider.js'
import type { World } from '../world.js'
import { CLIENT_GONE_WHY, connectionClosed } from '../client-gone.js'
import { keepResponse, responseEntry, type KeptResponse } from './keep-response.js'
import { keepBody, previewHeld, type HeldBody } from './body-preview.js'
import { queryAndHeaders, toParams, type Scrub } from './preview.js'

/** When a request began, as the journal records it. */
export interface Begun {
  /** `performance.now()`, for the duration. */
  readonly started: number
  /** The clock's time, in epoch milliseconds (the virtual clock's, when it is set). */
  readonly atMs: number
}

/**
 * Keeps an answered request in the journal (provider-front.ts calls it after every answer); a
 * promise only when a body must be read first.
 */
export type KeepAnswer = (c: StandinContext, begun: Begun) => Promise<void> | undefined

/** `scrubber()`: a scrub over the secrets standin holds at that moment (proxy/credentials.ts). */
export function journalAnswers(
  world: World,
  provider: ProviderId,
  scrubber: () => Scrub,
): KeepAnswer {
  return function keepAnswer(c, begun) {
    if (c.get('outcome') !== 'aborted' && connectionClosed(c)) {
      c.set('outcome', 'aborted')
      c.set('why', CLIENT_GONE_WHY)
    }
    const outcome = c.get('outcome')
    const previewBytes = world.config.journalPreviewBytes
    const scrub = scrubber()
    const method = c.req.method
    const body =
      method === 'GET' || method === 'HEAD'
        ? undefined
        : requestBody(c, previewBytes, world.config.bodyLimitBytes, scrub)
    const response = keepResponse(c.res, previewBytes, outcome === 'proxied', scrub)
    if (body instanceof Promise || response instanceof Promise) {
      return Promise.all([body, response]).then(([held, kept]) => {
        keep(c, begun, held, kept, previewBytes, scrub)
      })
    }
    keep(c, begun, body, response, previewBytes, scrub)
    return undefined
  }

  function keep(
    c: StandinContext,
    { started, atMs }: Begun,
    body: HeldBody | undefined,
    response: KeptResponse,
    previewBytes: number,
    scrub: Scrub,
  ): void {
    // An aborted request's answer never went on the wire, so it has no status.
    const aborted = c.get('outcome') === 'aborted'
    const status = aborted ? 0 : c.res.status
    const raw = (c.env as NodeBindings | undefined)?.incoming?.rawHeaders
    const summary: JournalSummary = {
      atMs,
      provider,
      method: c.req.method,
      path: c.req.path,
      status,
      outcome: c.get('outcome') ?? (status < 400 ? 'ok' : 'rejected'),
      // `c.get`, not `c.var`: hono builds a new object of every variable on each `c.var` read.
      why: c.get('why'),
      credentialId: c.get('credentialId'),
      durationMs: Math.round((performance.now() - started) * 100) / 100,
    }
    const record = world.journal.keepLater(
      new AnsweredRequest(
        summary,
        c.req.url,
        Array.isArray(raw) ? (raw as readonly string[]) : pairsOf(c.req.raw.headers),
        body,
        response,
        previewBytes,
        scrub,
      ),
    )
    if (world.events.listenerCount('request:end') > 0)
      world.events.emit('request:end', record.entry)
  }
}

/** On the Node edge, the request's headers as received: `[name, value, name, value, ...]`. */
interface NodeBindings {
  readonly incoming?: { readonly rawHeaders?: unknown }
}

/**
 * A provider request as the journal keeps it until its entry is read: the URL, the headers as
 * received, the heads of both bodies, the response's headers as given, and the secrets of the
 * moment. Flat, in one object with the summary (core/journal.ts says why).
 */
class AnsweredRequest extends LaterJournalRecord {
  readonly #url: string
  readonly #received: readonly string[]
  readonly #body: HeldBody | undefined
  readonly #responseHeaders: unknown
  readonly #pairs: boolean
  readonly #hasBody: boolean
  readonly #responseBody: HeldBody | undefined
  readonly #previewBytes: number
  readonly #scrub: Scrub

  constructor(
    summary: JournalSummary,
    url: string,
    received: readonly string[],
    body: HeldBody | undefined,
    response: KeptResponse,
    previewBytes: number,
    scrub: Scrub,
  ) {
    super(summary)
    this.#url = url
    this.#received = received
    this.#body = body
    this.#responseHeaders = response.headers
    this.#pairs = response.pairs
    this.#hasBody = response.hasBody
    this.#responseBody = response.body
    this.#previewBytes = previewBytes
    this.#scrub = scrub
  }

  protected detail(): JournalDetail {
    const scrub = this.#scrub
    const { query, headers } = queryAndHeaders(
      { url: this.#url, headers: headersFrom(this.#received) },
      scrub,
    )
    const body = this.#body
    const request: JournalRequest = {
      query,
      headers,
      ...(body ? { body: previewHeld(body, this.#previewBytes, scrub) } : {}),
    }
    const response = responseEntry(
      {
        headers: this.#responseHeaders,
        pairs: this.#pairs,
        hasBody: this.#hasBody,
        body: this.#responseBody,
      },
      this.#previewBytes,
      scrub,
    )
    return { request, response }
  }
}

function pairsOf(headers: Headers): string[] {
  const out: string[] = []
  headers.forEach((value, name) => out.push(name, value))
  return out
}

/** As a client's Headers reads them: names lower-cased and sorted, repeats joined. */
function headersFrom(received: readonly string[]): Headers {
  const headers = new Headers()
  for (let i = 0; i + 1 < received.length; i += 2) {
    const name = received[i] ?? ''
    // HTTP/2 pseudo-headers (`:path`) are not headers.
    if (!name.startsWith(':')) headers.append(name, received[i + 1] ?? '')
  }
  return headers
}

async function requestBody(
  c: Context,
  previewBytes: number,
  bodyLimit: number,
  scrub: Scrub,
): Promise<HeldBody | undefined> {
  const contentType = c.req.header('content-type')
  const declared = c.req.header('content-length')
  const cache = c.req.bodyCache
  try {
    if (cache.text) return keepBody(await c.req.text(), contentType, previewBytes, scrub)
    if (cache.arrayBuffer || cache.json || cache.blob) {
      return keepBody(new Uint8Array(await c.req.arrayBuffer()), contentType, previewBytes, scrub)
    }
    if (cache.formData) return formPreview(await c.req.formData(), contentType, declared, scrub)
    const raw = c.req.raw
    // Asking for `raw.body` builds a standard Request on the Node edge; only a body nobody read
    // comes here.
    if (raw.body === null) return undefined
    const size = declared === undefined ? Number.NaN : Number(declared)
    if (!raw.bodyUsed && size <= bodyLimit) {
      return keepBody(new Uint8Array(await c.req.arrayBuffer()), contentType, previewBytes, scrub)
    }
    return {
      ...(contentType ? { contentType } : {}),
      size: Number.isNaN(size) ? 0 : size,
      truncated: true,
      omitted: raw.bodyUsed ? 'streamed' : 'not kept',
    }
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
