/**
 * A refusal from the control plane, carrying its envelope `{"error": {"code", "message"}}`.
 */

export class ControlError extends Error {
  override readonly name = 'ControlError'

  constructor(
    /** The envelope's code (`not_found`, `invalid_request`, `conflict`, ...). */
    readonly code: string,
    message: string,
    readonly status: number,
    /** The call that failed, e.g. `POST /_standin/clock`. */
    readonly call: string,
  ) {
    super(message)
  }

  static from(call: string, status: number, body: unknown): ControlError {
    const error = isEnvelope(body) ? body.error : undefined
    if (error) return new ControlError(error.code, error.message, status, call)
    return new ControlError(
      'unexpected_response',
      `Failed to call ${call}: HTTP ${String(status)} without the control envelope. Is this a standin base URL?`,
      status,
      call,
    )
  }
}

function isEnvelope(body: unknown): body is { error: { code: string; message: string } } {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false
  const { error } = body
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string'
  )
}
