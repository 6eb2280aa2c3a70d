/**
 * What the journal keeps of a response while it is answered (journal/capture.ts): the headers and
 * the body the route built it from, when they are still in hand (journal/built-from.ts), else its
 * headers and a clone of its body. The preview is built when the entry is read; only the clone
 * is awaited.
 */
import type { BodyPreview, JournalResponse } from '../core/journal.js'
import { isTextual } from '../core/media-type.js'
import { builtFrom, headerIn, headersOf } from './built-from.js'
import { keepBody, type LaterPreview } from './body-preview.js'
import { toHeaders, type Scrub } from './preview.js'

/** The response's part of a journal entry, built when the entry is read. */
export type LaterResponse = (scrub: Scrub) => JournalResponse

/** `scrub`: the secrets of the moment, for a body that must be previewed at once (a large form). */
export function keepResponse(
  response: Response,
  previewBytes: number,
  streamed: boolean,
  scrub: Scrub,
): LaterResponse | Promise<LaterResponse> {
  const built = builtFrom(response)
  if (built === undefined) return keepStandardResponse(response, previewBytes, streamed, scrub)
  const { body } = built
  const contentType = headerIn(built, 'content-type')
  let preview: LaterPreview | undefined
  if (body === null) preview = undefined
  else if (
    !streamed &&
    previewBytes > 0 &&
    isTextual(contentType) &&
    (typeof body === 'string' || body instanceof Uint8Array)
  )
    preview = keepBody(body, contentType, previewBytes, scrub)
  else if (!streamed && typeof body !== 'string' && !(body instanceof Uint8Array))
    // A stream or a Blob the route answered with: read it the standard way.
    return keepStandardResponse(response, previewBytes, streamed, scrub)
  else {
    const omitted = notKept(contentType, headerIn(built, 'content-length'), streamed, previewBytes)
    preview = () => omitted
  }
  // Only the headers as given are held from here on, never the body itself.
  const { headers } = built
  const hasBody = body !== null
  return (later) => ({
    headers: toHeaders(headersOf(headers, hasBody), later),
    ...(preview ? { body: preview(later) } : {}),
  })
}

/** Any other Response: its headers now, its body through a clone. */
async function keepStandardResponse(
  response: Response,
  previewBytes: number,
  streamed: boolean,
  scrub: Scrub,
): Promise<LaterResponse> {
  const headers = [...response.headers]
  if (response.body === null) return (later) => ({ headers: toHeaders(headers, later) })
  const contentType = response.headers.get('content-type') ?? undefined
  // A proxied body streams from the upstream as it comes, and a binary one has no text to show.
  if (streamed || previewBytes <= 0 || !isTextual(contentType)) {
    const length = response.headers.get('content-length') ?? undefined
    const body = notKept(contentType, length, streamed, previewBytes)
    return (later) => ({ headers: toHeaders(headers, later), body })
  }
  const bytes = new Uint8Array(await response.clone().arrayBuffer())
  const body = keepBody(bytes, contentType, previewBytes, scrub)
  return (later) => ({ headers: toHeaders(headers, later), body: body(later) })
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
