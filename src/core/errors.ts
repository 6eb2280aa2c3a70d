/**
 * One family of errors. Domain code throws a `StandinError`; each provider renders it in its own
 * envelope, the control plane in `{"error": {"code", "message"}}`. `detail` is for the developer and
 * goes to the request journal, never to the wire.
 */

export type StandinErrorCode =
  | 'invalid_request'
  | 'invalid_credentials'
  | 'token_expired'
  | 'token_revoked'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'upstream_failed'
  | 'upstream_timeout'
  | 'unavailable'
  | 'internal'

const DEFAULT_STATUS: Record<StandinErrorCode, number> = {
  invalid_request: 400,
  invalid_credentials: 401,
  token_expired: 401,
  token_revoked: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  upstream_failed: 502,
  upstream_timeout: 504,
  unavailable: 503,
  internal: 500,
}

export interface StandinErrorOptions {
  /** HTTP status on the wire; defaults by code. */
  readonly status?: number
  /** The message the real provider puts on the wire, when it differs from the generic one. */
  readonly wireMessage?: string
  /** The provider's own error code (`ec5_256`, `invalid_client`, ...). */
  readonly providerCode?: string
  /** Why, in plain words, for the journal and dashboard. Never sent to the client. */
  readonly detail?: string
  /** Extra response headers (`Retry-After`, `WWW-Authenticate`). */
  readonly headers?: Readonly<Record<string, string>>
  readonly cause?: unknown
}

export class StandinError extends Error {
  override readonly name: string = this.constructor.name
  readonly code: StandinErrorCode
  readonly status: number
  readonly wireMessage: string | undefined
  readonly providerCode: string | undefined
  readonly detail: string | undefined
  readonly headers: Readonly<Record<string, string>>

  constructor(code: StandinErrorCode, message: string, options: StandinErrorOptions = {}) {
    // A refusal is an answer, not a fault: nothing reads its stack (the journal records `why`), and
    // capturing one is most of what a refused request costs. Only `internal` keeps its stack.
    const stackTraceLimit = Error.stackTraceLimit
    if (code !== 'internal') Error.stackTraceLimit = 0
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    Error.stackTraceLimit = stackTraceLimit
    this.code = code
    this.status = options.status ?? DEFAULT_STATUS[code]
    this.wireMessage = options.wireMessage
    this.providerCode = options.providerCode
    this.detail = options.detail
    this.headers = options.headers ?? {}
  }

  /** What the journal records: the detail when given, the message otherwise. */
  get why(): string {
    return this.detail ?? this.message
  }
}

/** Anything thrown becomes a StandinError; unknown throws are `internal` and keep their message private. */
export function toStandinError(error: unknown): StandinError {
  if (error instanceof StandinError) return error
  if (isHttpError(error)) {
    const code: StandinErrorCode =
      error.status === 413
        ? 'payload_too_large'
        : error.status >= 500
          ? 'internal'
          : 'invalid_request'
    return new StandinError(code, error.message || 'Bad request', {
      status: error.status,
      cause: error,
    })
  }
  if (isBodyParseError(error)) {
    return new StandinError('invalid_request', 'Malformed request body', {
      detail: `the request body could not be parsed: ${error.message}`,
      cause: error,
    })
  }
  const message = error instanceof Error ? error.message : String(error)
  return new StandinError('internal', 'Internal error', { detail: message, cause: error })
}

/**
 * A body the client broke: `c.req.json()` throws a SyntaxError, and `c.req.parseBody()` /
 * `formData()` a TypeError "Failed to parse body as FormData." on bad multipart. The client's
 * fault, so a 4xx in the provider's envelope, never a 500.
 */
function isBodyParseError(error: unknown): error is Error {
  return (
    error instanceof SyntaxError ||
    (error instanceof TypeError && /failed to parse body/i.test(error.message))
  )
}

function isHttpError(error: unknown): error is Error & { status: number } {
  return error instanceof Error && typeof (error as { status?: unknown }).status === 'number'
}
