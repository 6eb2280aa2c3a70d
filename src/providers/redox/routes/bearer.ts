/**
 * The Bearer check in front of every data route: the token must be one this host issued and still
 * live on the virtual clock; legacy tokens work on the Data Model API only; then the key's rate
 * limit. Redox documents only the status (401: "refresh or regenerate your access token"), so every
 * refusal is the same body; the reason goes to the journal.
 * @see https://developer.redoxengine.com/api-reference/error-handling-and-responses
 */
import type { CredentialRegistry, CredentialView } from '../../../core/credentials.js'
import { StandinError } from '../../../core/errors.js'
import { takeRequest } from '../state/rate-limit.js'
import { REGION_NAME, type Region } from '../region.js'
import type { RedoxState } from '../state/model.js'

export type DataApi = 'fhir' | 'data-model'

export interface BearerDeps {
  readonly state: RedoxState
  readonly credentials: CredentialRegistry
  readonly region: Region
  readonly api: DataApi
  /** Virtual time. */
  readonly nowMs: number
  /** `false` when the server runs with rate limits off. */
  readonly rateLimits: boolean
}

export function authorizeBearer(
  authorization: string | undefined,
  deps: BearerDeps,
): CredentialView {
  const match = /^Bearer +(\S+) *$/i.exec(authorization ?? '')
  const secret = match?.[1]
  if (secret === undefined)
    throw refuse(
      'invalid_credentials',
      authorization
        ? 'the Authorization header is not "Bearer <token>"'
        : 'no Authorization header',
    )
  const lookup = deps.credentials.lookup('redox', secret)
  if (!lookup.found || lookup.credential.kind !== 'access_token')
    throw refuse(
      'invalid_credentials',
      'the Bearer token was never issued by standin (or was forgotten after a reset)',
    )
  const token = lookup.credential
  if (lookup.status === 'expired')
    throw refuse(
      'token_expired',
      `token ${token.id} expired at ${String(token.expiresAt)} (virtual time)`,
    )
  if (lookup.status === 'revoked')
    throw refuse(
      'token_revoked',
      `token ${token.id} was revoked (${token.revokedReason ?? 'revoked'})`,
    )
  const region = token.attributes.region as Region
  if (region !== deps.region)
    throw refuse(
      'invalid_credentials',
      `token ${token.id} was issued by the ${REGION_NAME[region]} host, this is the ${REGION_NAME[deps.region]} host`,
    )
  if (deps.api === 'fhir' && token.attributes.flow === 'legacy')
    throw refuse(
      'invalid_credentials',
      `token ${token.id} comes from a legacy API key, which works on the Data Model API only`,
    )
  limitRate(token, deps)
  return token
}

function limitRate(token: CredentialView, deps: BearerDeps): void {
  const limit = deps.state.settings.rateLimit
  if (limit === false || !deps.rateLimits) return
  const key = token.attributes.clientId ?? token.subject
  const decision = takeRequest(deps.state.rateWindows, key, deps.nowMs, limit)
  if (decision.allowed) return
  throw new StandinError('rate_limited', 'Too many requests', {
    detail: `API key ${key} made ${String(limit.requests)} requests within ${String(limit.windowSeconds)} s (virtual time)`,
    headers: { 'Retry-After': String(decision.retryAfterSeconds) },
  })
}

function refuse(code: 'invalid_credentials' | 'token_expired' | 'token_revoked', detail: string) {
  return new StandinError(code, 'Authentication failed', { detail })
}
