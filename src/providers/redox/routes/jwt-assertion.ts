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
  jwtVerify,
  type JWTPayload,
  type ProtectedHeaderParameters,
} from 'jose'
import {
  KID_REQUIRED,
  PUBLIC_KEY_NOT_FOUND,
  explainJoseError,
  refusal,
  type Refuse,
} from '../wire/assertion-refusals.js'
import { JwksUnavailableError, findJwksKey } from '../state/jwks-url.js'
import { algorithmMismatch, importedKey } from '../state/public-keys.js'
import { REGION_NAME, type Region } from '../region.js'
import type { Algorithm } from '../state/seed.js'
import type { ApiKey, PublicKey, RedoxState } from '../state/model.js'
import { rememberJti } from '../state/jti-replay.js'

/** "Redox expects the iat parameter value to be within the past 5 minutes. We allow a clock skew of 10 seconds." */
export const MAX_ASSERTION_AGE_SECONDS = 300
export const CLOCK_SKEW_SECONDS = 10

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
    throw explainJoseError(error, { ...deps, kid, claims }, refuse)
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
