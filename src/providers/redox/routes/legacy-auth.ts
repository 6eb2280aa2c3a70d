/**
 * The deprecated legacy key flow, Data Model API only: `POST /auth/authenticate` with
 * `{apiKey, secret}` and `POST /auth/refreshToken` with `{apiKey, refreshToken}`, both answering
 * `{accessToken, expires, refreshToken}` with 24-hour access tokens. Some clients send the body
 * form-encoded; both are accepted.
 * @see https://developer.redoxengine.com/how-to-use-redox/manage-your-redox-setup/authenticate-a-legacy-api-key/
 * @see https://developer.redoxengine.com/getting-started/authenticating-a-source/
 */
import type { CredentialRegistry } from '../../../core/credentials.js'
import { StandinError } from '../../../core/errors.js'
import type { Random } from '../../../core/random.js'
import { REGION_NAME, type Region } from '../region.js'
import type { LegacyKey, RedoxState } from '../state/model.js'

export interface LegacyDeps {
  readonly state: RedoxState
  readonly credentials: CredentialRegistry
  readonly random: Random
  readonly region: Region
}

export interface LegacyTokenResponse {
  readonly accessToken: string
  readonly expires: string
  readonly refreshToken: string
}

export interface LegacyIssued {
  readonly body: LegacyTokenResponse
  readonly credentialId: string
}

export function authenticateLegacy(
  fields: Readonly<Record<string, string>>,
  deps: LegacyDeps,
): LegacyIssued {
  const key = findKey(fields.apiKey, deps)
  if (fields.secret !== key.secret) throw refuse(`wrong secret for legacy API key ${key.apiKey}`)
  const refreshToken = deps.random.uuid()
  deps.credentials.issue({
    provider: 'redox',
    kind: 'refresh_token',
    subject: key.apiKey,
    secret: refreshToken,
    attributes: { flow: 'legacy', region: key.region, clientId: key.apiKey },
  })
  return issueAccess(key, refreshToken, deps)
}

export function refreshLegacy(
  fields: Readonly<Record<string, string>>,
  deps: LegacyDeps,
): LegacyIssued {
  const key = findKey(fields.apiKey, deps)
  const lookup = deps.credentials.lookup('redox', fields.refreshToken ?? '')
  if (
    !lookup.found ||
    lookup.credential.kind !== 'refresh_token' ||
    lookup.credential.subject !== key.apiKey
  )
    throw refuse(`the refresh token is not one issued to legacy API key ${key.apiKey}`)
  if (lookup.status !== 'active') throw refuse(`the refresh token is ${lookup.status}`)
  return issueAccess(key, fields.refreshToken ?? '', deps)
}

function issueAccess(key: LegacyKey, refreshToken: string, deps: LegacyDeps): LegacyIssued {
  const accessToken = deps.random.uuid()
  const view = deps.credentials.issue({
    provider: 'redox',
    kind: 'access_token',
    subject: key.apiKey,
    secret: accessToken,
    ttlSeconds: deps.state.settings.legacyTokenSeconds,
    attributes: {
      flow: 'legacy',
      region: key.region,
      clientId: key.apiKey,
      environment: key.environment,
    },
  })
  return {
    body: { accessToken, expires: view.expiresAt ?? '', refreshToken },
    credentialId: view.id,
  }
}

function findKey(apiKey: string | undefined, deps: LegacyDeps): LegacyKey {
  const key = deps.state.legacyKeys.get(apiKey ?? '')
  if (!key) throw refuse(apiKey ? `no legacy API key ${apiKey}` : 'no apiKey in the body')
  if (key.region !== deps.region)
    throw refuse(`legacy API key ${key.apiKey} belongs to the ${REGION_NAME[key.region]} host`)
  return key
}

function refuse(detail: string): StandinError {
  return new StandinError('invalid_credentials', 'Invalid API key or secret', { detail })
}
