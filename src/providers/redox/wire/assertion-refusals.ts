/**
 * How Redox answers a bad client assertion: its documented wording where there is one
 * (`Public key not found...`, `JWT header kid property is required`, `Unexpected "X" claim value`)
 * and a blank `error_description` for wrong values (signature, alg, aud, iat, jti). The precise
 * reason goes to the request journal.
 * @see https://docs.redoxengine.com/troubleshooting/troubleshoot-oauth-api-key-errors/
 */
import { errors, type JWTPayload } from 'jose'
import { StandinError } from '../../../core/errors.js'
import { REGION_NAME, otherRegion, type Region } from '../region.js'
import type { RedoxSettings } from '../state/seed.js'

export const PUBLIC_KEY_NOT_FOUND =
  'Public key not found, check client_id, kid and Redox dashboard settings'
export const KID_REQUIRED = 'JWT header kid property is required'

export type Refuse = (wire: string, detail: string) => StandinError

/**
 * An assertion failure: Redox's wording on the wire (often blank), the reason in the journal. The
 * status is not documented; `assertionErrors` picks 400 invalid_request or 401 invalid_client.
 */
export function refusal(settings: RedoxSettings): Refuse {
  const asClient = settings.assertionErrors === 'invalid_client'
  return (wire, detail) =>
    new StandinError('invalid_credentials', 'Client assertion refused', {
      status: asClient ? 401 : 400,
      providerCode: settings.assertionErrors,
      wireMessage: wire === '' && settings.verboseErrors ? detail : wire,
      detail: `client assertion refused: ${detail}`,
    })
}

/** What the assertion said and where it arrived, to explain a failed check. */
export interface FailureContext {
  readonly kid: string
  readonly claims: JWTPayload
  readonly region: Region
  readonly clientNow: Date
  readonly audiences: readonly string[]
  readonly otherAudiences: readonly string[]
}

/** A jose verification error as Redox words it on the wire, with the reason for the journal. */
export function explainJoseError(
  error: unknown,
  context: FailureContext,
  refuse: Refuse,
): StandinError {
  const { kid } = context
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return refuse('', `the signature does not verify with kid ${kid}`)
  if (error instanceof errors.JWTClaimValidationFailed || error instanceof errors.JWTExpired) {
    if (error.reason !== 'check_failed')
      return refuse(`Unexpected "${error.claim}" claim value`, error.message)
    return refuse('', describeClaimFailure(error.claim, context))
  }
  if (error instanceof errors.JOSEError) return refuse('', error.message)
  throw error
}

function describeClaimFailure(claim: string, context: FailureContext): string {
  const { claims, region, audiences, otherAudiences } = context
  const clock = `client clock ${context.clientNow.toISOString()}`
  const at = (seconds: unknown) =>
    typeof seconds === 'number' ? new Date(seconds * 1000).toISOString() : String(seconds)
  switch (claim) {
    case 'aud': {
      const auds = Array.isArray(claims.aud) ? claims.aud : [claims.aud]
      const other = REGION_NAME[otherRegion(region)]
      if (auds.some((aud) => typeof aud === 'string' && otherAudiences.includes(aud)))
        return `aud ${JSON.stringify(claims.aud)} is the ${other} token URL, this is the ${REGION_NAME[region]} host`
      return `aud ${JSON.stringify(claims.aud)} is not this host's token URL (${audiences.join(' or ')})`
    }
    case 'iat':
      return `iat ${at(claims.iat)} is not within the 5 minutes (10 s skew) before the ${clock}`
    case 'exp':
      return `exp ${at(claims.exp)} is past (${clock}, 10 s skew)`
    case 'nbf':
      return `nbf ${at(claims.nbf)} is still ahead (${clock}, 10 s skew)`
    default:
      return `${claim} ${JSON.stringify(claims[claim])} is not the client ID`
  }
}
