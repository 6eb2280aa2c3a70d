/**
 * The outcomes QA can force on one provider request, whichever lever asks for it: the
 * `Standin-Force` header, a queued override or a scripted fault. Each maps to a StandinError code
 * that every provider renders in its own envelope, so one vocabulary works for all of them.
 */
import { StandinError, type StandinErrorCode } from './errors.js'

export const FORCED_OUTCOMES = [
  'expired',
  'revoked',
  'rate-limited',
  'server-error',
  'bad-gateway',
  'unavailable',
  'gateway-timeout',
  'dropped',
] as const

export type ForcedOutcome = (typeof FORCED_OUTCOMES)[number]

/** Statuses a scripted `fail` or an override may ask for, and the outcome each stands for. */
export const FAILURE_STATUSES = [500, 502, 503, 504] as const
export type FailureStatus = (typeof FAILURE_STATUSES)[number]

export const OUTCOME_FOR_STATUS: Readonly<Record<FailureStatus, ForcedOutcome>> = {
  500: 'server-error',
  502: 'bad-gateway',
  503: 'unavailable',
  504: 'gateway-timeout',
}

/** What a forced 429 tells the client to wait when the lever does not say (seconds). */
export const DEFAULT_RETRY_AFTER_SECONDS = 60

const ERRORS: Readonly<
  Record<Exclude<ForcedOutcome, 'dropped'>, { code: StandinErrorCode; message: string }>
> = {
  expired: { code: 'token_expired', message: 'Token expired' },
  revoked: { code: 'token_revoked', message: 'Token revoked' },
  'rate-limited': { code: 'rate_limited', message: 'Too many requests' },
  'server-error': { code: 'internal', message: 'Internal error' },
  'bad-gateway': { code: 'upstream_failed', message: 'Bad gateway' },
  unavailable: { code: 'unavailable', message: 'Service unavailable' },
  'gateway-timeout': { code: 'upstream_timeout', message: 'Gateway timeout' },
}

export function isForcedOutcome(value: string): value is ForcedOutcome {
  return (FORCED_OUTCOMES as readonly string[]).includes(value)
}

/**
 * The error a forced outcome throws; `why` goes to the journal. A forced 429 carries `Retry-After`
 * (RFC 9110 §10.2.3), which the app copies onto whatever envelope the provider renders.
 */
export function forcedError(
  outcome: Exclude<ForcedOutcome, 'dropped'>,
  why: string,
  retryAfterSeconds = DEFAULT_RETRY_AFTER_SECONDS,
): StandinError {
  const { code, message } = ERRORS[outcome]
  return new StandinError(code, message, {
    detail: why,
    ...(outcome === 'rate-limited'
      ? { headers: { 'Retry-After': String(retryAfterSeconds) } }
      : {}),
  })
}
