/**
 * Verifying a client assertion as Redox does: the API key is found by `iss`, its public key by the
 * header `kid`; then signature, `alg`, `aud` (this host's token URL), `iss` = `sub` = client ID,
 * `iat` within the past 5 minutes with a 10 s skew, `exp` optional, `jti` single use. The times are
 * the client's, so they are checked against the client clock (real time), never the virtual one.
 * @see https://docs.redoxengine.com/troubleshooting/troubleshoot-oauth-api-key-errors/
 */
import {
  decodeJwt,
  decodeProtectedHeader,
  errors,
  jwtVerify,
  type JWTPayload,
  type ProtectedHeaderParameters,
} from 'jose'
import { StandinError } from '../../core/errors.js'
import { JwksUnavailableError, findJwksKey } from './jwks-url.js'
import { algorithmMismatch, importedKey } from './public-keys.js'
import { REGION_NAME, otherRegion, type Region } from './region.js'
import type { Algorithm, RedoxSettings } from './seed-schema.js'
import type { ApiKey, PublicKey, RedoxState } from './state.js'
import { rememberJti } from './jti-replay.js'

/** "Redox expects the iat parameter value to be within the past 5 minutes. We allow a clock skew of 10 seconds." */
export const MAX_ASSERTION_AGE_SECONDS = 300
export const CLOCK_SKEW_SECONDS = 10

export const PUBLIC_KEY_NOT_FOUND =
  'Public key not found, check client_id, kid and Redox dashboard settings'
export const KID_REQUIRED = 'JWT header kid property is required'

export interface AssertionDeps {
  readonly state: RedoxState
  readonly region: Region
  /** `aud` values this host accepts: its token URL as the client reached it, and the real one. */
  readonly audiences: readonly string[]
  /** The other host's token URLs, only to say why a cross-region `aud` failed. */
  readonly otherAudiences: readonly string[]
  /** The client clock (real time, with the scenario's skew). */
  readonly clientNow: Date
  readonly fetch: typeof fetch
  /** Virtual time, for the JWKS cache. */
  readonly nowMs: number
}

export interface VerifiedAssertion {
  readonly apiKey: ApiKey
  readonly kid: string
  readonly jti: string
}

export async function verifyAssertion(
  assertion: string,
  deps: AssertionDeps,
): Promise<VerifiedAssertion> {
  const refuse = refusal(deps.state.settings)
  let header: ProtectedHeaderParameters, claims: JWTPayload
  try {
    header = decodeProtectedHeader(assertion)
    claims = decodeJwt(assertion)
  } catch (error) {
    throw refuse('', `the client assertion is not a signed JWT (${(error as Error).message})`)
  }
  const kid = header.kid
  if (typeof kid !== 'string' || kid === '')
    throw refuse(KID_REQUIRED, 'the assertion header has no kid')
  const apiKey = findApiKey(deps, claims.iss, refuse)
  const key = await findPublicKey(apiKey, kid, deps, refuse)
  const alg = String(header.alg)
  const mismatch = algorithmMismatch(key, alg, apiKey.algorithms)
  if (mismatch) throw refuse('', mismatch)
  let payload: JWTPayload
  try {
    const cryptoKey = await importedKey(key, alg as Algorithm)
    payload = (
      await jwtVerify(assertion, cryptoKey, {
        algorithms: [alg],
        audience: deps.audiences as string[],
        issuer: apiKey.clientId,
        subject: apiKey.clientId,
        clockTolerance: CLOCK_SKEW_SECONDS,
        maxTokenAge: MAX_ASSERTION_AGE_SECONDS,
        requiredClaims: ['jti'],
        currentDate: deps.clientNow,
      })
    ).payload
  } catch (error) {
    throw explainJoseError(error, kid, claims, deps, refuse)
  }
  const jti = payload.jti
  if (typeof jti !== 'string' || jti === '')
    throw refuse('Unexpected "jti" claim value', 'jti is not a non-empty string')
  if (deps.state.settings.rejectReplayedJti) {
    const replay = rememberJti(deps.state.usedJti, apiKey.clientId, payload, deps.clientNow, {
      maxAgeSeconds: MAX_ASSERTION_AGE_SECONDS,
      skewSeconds: CLOCK_SKEW_SECONDS,
    })
    if (replay) throw refuse('', replay)
  }
  return { apiKey, kid, jti }
}

type Refuse = (wire: string, detail: string) => StandinError

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

function findApiKey(deps: AssertionDeps, iss: string | undefined, refuse: Refuse): ApiKey {
  if (typeof iss !== 'string' || iss === '')
    throw refuse(PUBLIC_KEY_NOT_FOUND, 'the assertion has no iss (the client ID)')
  const apiKey = deps.state.apiKeys.get(iss)
  if (!apiKey) throw refuse(PUBLIC_KEY_NOT_FOUND, `no API key has client ID ${iss}`)
  if (apiKey.region !== deps.region)
    throw refuse(
      PUBLIC_KEY_NOT_FOUND,
      `API key ${iss} belongs to the ${REGION_NAME[apiKey.region]} host, this is the ${REGION_NAME[deps.region]} host`,
    )
  return apiKey
}

async function findPublicKey(
  apiKey: ApiKey,
  kid: string,
  deps: AssertionDeps,
  refuse: Refuse,
): Promise<PublicKey> {
  const source = apiKey.jwksUrl
  if (!source) {
    const key = apiKey.keys.get(kid)
    if (key) return key
    const kids = [...apiKey.keys.keys()].join(', ')
    throw refuse(
      PUBLIC_KEY_NOT_FOUND,
      `API key ${apiKey.clientId} has no key with kid ${kid} (it has ${kids || 'none'})`,
    )
  }
  const { jwks } = deps.state.settings
  try {
    const key = await findJwksKey(source, kid, { ...jwks, fetch: deps.fetch, nowMs: deps.nowMs })
    if (key) return key
  } catch (error) {
    if (!(error instanceof JwksUnavailableError)) throw error
    throw refuse(
      PUBLIC_KEY_NOT_FOUND,
      `failed to fetch the keys of API key ${apiKey.clientId}: ${error.message}`,
    )
  }
  throw refuse(PUBLIC_KEY_NOT_FOUND, `the JWKS at ${source.url} has no key with kid ${kid}`)
}

function explainJoseError(
  error: unknown,
  kid: string,
  claims: JWTPayload,
  deps: AssertionDeps,
  refuse: Refuse,
): StandinError {
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return refuse('', `the signature does not verify with kid ${kid}`)
  if (error instanceof errors.JWTClaimValidationFailed || error instanceof errors.JWTExpired) {
    if (error.reason !== 'check_failed')
      return refuse(`Unexpected "${error.claim}" claim value`, error.message)
    return refuse('', describeClaimFailure(error.claim, claims, deps))
  }
  if (error instanceof errors.JOSEError) return refuse('', error.message)
  throw error
}

function describeClaimFailure(claim: string, claims: JWTPayload, deps: AssertionDeps): string {
  const clock = `client clock ${deps.clientNow.toISOString()}`
  const at = (seconds: unknown) =>
    typeof seconds === 'number' ? new Date(seconds * 1000).toISOString() : String(seconds)
  switch (claim) {
    case 'aud': {
      const auds = Array.isArray(claims.aud) ? claims.aud : [claims.aud]
      const other = REGION_NAME[otherRegion(deps.region)]
      if (auds.some((aud) => typeof aud === 'string' && deps.otherAudiences.includes(aud)))
        return `aud ${JSON.stringify(claims.aud)} is the ${other} token URL, this is the ${REGION_NAME[deps.region]} host`
      return `aud ${JSON.stringify(claims.aud)} is not this host's token URL (${deps.audiences.join(' or ')})`
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
