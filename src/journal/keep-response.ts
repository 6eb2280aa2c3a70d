/**
 * What the journal keeps of a response while it is answered (journal/capture.ts): the headers and
 * the body the route built it from, when they are still in hand (journal/built-from.ts), else its
 * headers and a clone of its body. The preview is built when the entry is read; only the clone
 * is awaited.
 */
import type { BodyPreview, JournalResponse } from '../core/journal.js'
import { isTextual } from '../core/media-type.js'
import { builtFrom, headerIn, headersOf } from './built-from.js'
import { keepBody, previewHeld, type HeldBody } from './body-preview.js'
import { toHeaders, type Scrub } from './preview.js'

/** The response's part of a journal entry as kept: no more than the entry needs. */
export interface KeptResponse {
  /** The headers as the route gave them, or (`pairs`) as a standard Response read them. */
  readonly headers: unknown
  readonly pairs: boolean
  readonly hasBody: boolean
  readonly body: HeldBody | undefined
}

/** `scrub`: the secrets of the moment, for a body that must be previewed at once (a large form). */
export function keepResponse(
  response: Response,
  previewBytes: number,
  streamed: boolean,
  scrub: Scrub,
): KeptResponse | Promise<KeptResponse> {
  const built = builtFrom(response)
  if (built === undefined) return keepStandardResponse(response, previewBytes, streamed, scrub)
  const { body } = built
  const contentType = headerIn(built, 'content-type')
  let held: HeldBody | undefined
  if (body === null) held = undefined
  else if (
    !streamed &&
    previewBytes > 0 &&
    isTextual(contentType) &&
    (typeof body === 'string' || body instanceof Uint8Array)
  )
    held = keepBody(body, contentType, previewBytes, scrub)
  else if (!streamed && typeof body !== 'string' && !(body instanceof Uint8Array))
    // A stream or a Blob the route answered with: read it the standard way.
    return keepStandardResponse(response, previewBytes, streamed, scrub)
  else held = notKept(contentType, headerIn(built, 'content-length'), streamed, previewBytes)
  // Only the headers as given are held from here on, never the body itself.
  return { headers: built.headers, pairs: false, hasBody: body !== null, body: held }
}

/** The response as the journal entry shows it, built when the entry is read. */
export function responseEntry(
  kept: KeptResponse,
  previewBytes: number,
  scrub: Scrub,
): JournalResponse {
  const headers = kept.pairs
    ? (kept.headers as [string, string][])
    : headersOf(kept.headers, kept.hasBody)
  return {
    headers: toHeaders(headers, scrub),
    ...(kept.body ? { body: previewHeld(kept.body, previewBytes, scrub) } : {}),
  }
}

/** Any other Response: its headers now, its body through a clone. */
async function keepStandardResponse(
  response: Response,
  previewBytes: number,
  streamed: boolean,
  scrub: Scrub,
): Promise<KeptResponse> {
  const headers = [...response.headers]
  const kept = (body: HeldBody | undefined): KeptResponse => ({
    headers,
    pairs: true,
    hasBody: body !== undefined,
    body,
  })
  if (response.body === null) return kept(undefined)
  const contentType = response.headers.get('content-type') ?? undefined
  // A proxied body streams from the upstream as it comes, and a binary one has no text to show.
  if (streamed || previewBytes <= 0 || !isTextual(contentType)) {
    const length = response.headers.get('content-length') ?? undefined
    return kept(notKept(contentType, length, streamed, previewBytes))
  }
  const bytes = new Uint8Array(await response.clone().arrayBuffer())
  return kept(keepBody(bytes, contentType, previewBytes, scrub))
}

function notKept(
  contentType: string | undefined,
  length: string | undefined,
  streamed: boolean,
  previewBytes: number,
): BodyPreview {
  const size = Number(length ?? 0) || 0
  const omitted = streamed ? 'streamed' : previewBytes <= 0 ? 'not kept' : 'binary'
  return { ...(contentType ? { contentType } : {}), size, truncated: size > 0, omitted }
}
