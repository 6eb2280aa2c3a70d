/**
 * Reading request bodies the same way on every Redox route: the media type without its parameters
 * (clients add `;charset=UTF-8`), JSON that fails as `invalid_request`, and the validation error
 * every API turns into its own envelope.
 */
import { StandinError } from '../../../core/errors.js'

/** `application/x-www-form-urlencoded;charset=UTF-8` → `application/x-www-form-urlencoded`. */
export function mediaTypeOf(contentType: string | undefined): string {
  return contentType?.split(';')[0]?.trim().toLowerCase() ?? ''
}

export function parseJsonBody(body: string): unknown {
  try {
    return JSON.parse(body)
  } catch {
    throw invalid('The request body is not valid JSON')
  }
}

/** A JSON body of one of the `accepted` media types (the first is named in the refusal). */
export function readJson(
  contentType: string | undefined,
  accepted: readonly string[],
  body: string,
): unknown {
  if (!accepted.includes(mediaTypeOf(contentType)))
    throw new StandinError(
      'unsupported_media_type',
      `Content-Type must be ${accepted[0] ?? 'JSON'}`,
      {
        detail: `content type is ${contentType ?? 'missing'}`,
      },
    )
  return parseJsonBody(body)
}

export function invalid(message: string, detail?: string): StandinError {
  return new StandinError('invalid_request', message, { detail: detail ?? message })
}
