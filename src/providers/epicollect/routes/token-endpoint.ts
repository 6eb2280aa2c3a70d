/**
 * `POST /api/oauth/token`, the client_credentials grant as Epicollect5's OAuthController runs it:
 * first delete every token of the `client_id` named in the body (even when the request then fails),
 * then let league/oauth2-server answer. Errors are mapped to `ec5_261` (grant type), `ec5_253`
 * (client) and `ec5_254` (anything else), always 400 with source `token issue`.
 *
 * @see epicollect5-server app/Http/Controllers/Api/OAuth/OAuthController.php
 * @see https://github.com/thephpleague/oauth2-server/blob/8.5.5/src/Grant/AbstractGrant.php
 *   (getClientCredentials, getBasicAuthCredentials) and src/Grant/ClientCredentialsGrant.php
 */
import type { CredentialRegistry } from '../../../core/credentials.js'
import type { Random } from '../../../core/random.js'
import { signAccessToken } from '../state/access-token.js'
import { ACCESS_TOKEN_KIND, deleteClientTokens, PROVIDER_ID } from '../state/client-app.js'
import { ec5Error, type Ec5Code } from '../errors.js'
import type { ClientApp, EpicollectState } from '../state/model.js'

export interface TokenRequest {
  /** The parsed body: JSON object, urlencoded or multipart fields. Query strings are ignored. */
  readonly params: Readonly<Record<string, unknown>>
  /** `Authorization: Basic` credentials, used only where the body lacks them. */
  readonly basic: { readonly user: string; readonly password: string } | undefined
}

export interface TokenDeps {
  readonly credentials: CredentialRegistry
  readonly random: Random
  readonly nowMs: number
}

const fail = (code: Ec5Code, why: string) =>
  ec5Error(
    code === 'ec5_253' ? 'invalid_credentials' : 'invalid_request',
    code,
    'token issue',
    400,
    why,
  )

/** What MySQL compares an id column with: a number, or a string's leading number (`"153abc"` → 153). */
function asMysqlNumber(value: unknown): number | undefined {
  if (Array.isArray(value)) return asMysqlNumber(value[0])
  if (typeof value === 'object' && value !== null) return asMysqlNumber(Object.values(value)[0])
  if (typeof value === 'number') return value
  if (typeof value === 'boolean') return value ? 1 : 0
  if (typeof value !== 'string') return undefined
  const parsed = Number.parseFloat(value)
  return Number.isNaN(parsed) ? 0 : parsed
}

/** PHP `empty()` of a body value. */
function isEmpty(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0
  return (
    value === undefined ||
    value === null ||
    value === '' ||
    value === '0' ||
    value === 0 ||
    value === false
  )
}

/** Passport's findActive for a scalar id; arrays and objects break it (a Throwable, so ec5_254). */
function findClient(state: EpicollectState, clientId: unknown): ClientApp | undefined {
  if (typeof clientId === 'object' && clientId !== null)
    throw fail('ec5_254', 'client_id is not a scalar')
  const id = asMysqlNumber(clientId)
  return id === undefined ? undefined : state.apps.get(id)
}

/** Grants Passport registers besides client_credentials: they check the client, then want more. */
const OTHER_GRANTS = new Set(['authorization_code', 'refresh_token', 'personal_access'])

export async function issueToken(
  state: EpicollectState,
  deps: TokenDeps,
  request: TokenRequest,
): Promise<string> {
  const { params, basic } = request
  if (!isEmpty(params.client_id)) {
    const id = asMysqlNumber(params.client_id)
    if (id !== undefined && Number.isInteger(id))
      deleteClientTokens(deps.credentials, id, `a new token request named client ${String(id)}`)
  }
  const grant = params.grant_type
  if (grant !== 'client_credentials' && !(typeof grant === 'string' && OTHER_GRANTS.has(grant)))
    throw fail('ec5_261', `grant_type ${JSON.stringify(grant) ?? 'missing'} is not supported`)
  const clientId = params.client_id ?? basic?.user
  if (clientId === undefined || clientId === null) throw fail('ec5_254', 'no client_id')
  const secret = params.client_secret ?? basic?.password ?? null
  if (secret !== null && typeof secret !== 'string')
    throw fail('ec5_254', 'client_secret is not a string')
  const app = findClient(state, clientId)
  if (!app) throw fail('ec5_253', `no client ${describe(clientId)} (never created, or deleted)`)
  if (grant === 'personal_access')
    throw fail('ec5_253', `client ${String(app.clientId)} is not a personal access client`)
  if (secret !== app.secret)
    throw fail('ec5_253', `wrong client_secret for client ${String(app.clientId)}`)
  if (grant !== 'client_credentials')
    throw fail('ec5_254', `${grant} needs a code or refresh token`)
  const scopes = readScopes(params.scope)
  const iat = deps.nowMs / 1000
  const jti = deps.random.hex(80)
  const lifetime = state.settings.tokenLifetimeSeconds
  const accessToken = await signAccessToken(await state.keys(), {
    aud: String(app.clientId),
    jti,
    iat,
    nbf: iat,
    exp: iat + lifetime,
    sub: '',
    scopes,
  })
  deps.credentials.issue({
    provider: PROVIDER_ID,
    kind: ACCESS_TOKEN_KIND,
    subject: String(app.clientId),
    secret: accessToken,
    ttlSeconds: lifetime,
    attributes: { clientId: String(app.clientId), project: app.project, jti },
  })
  // league: expires_in is the expiry timestamp minus time(), both whole seconds.
  const expiresIn = Math.floor(iat + lifetime) - Math.floor(iat)
  return JSON.stringify({ token_type: 'Bearer', expires_in: expiresIn, access_token: accessToken })
}

/** A request value for the journal. */
function describe(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value))
}

/** Passport knows no scopes, so only none (or the `*` wildcard) passes; others are invalid_scope. */
function readScopes(scope: unknown): string[] {
  if (scope === undefined || scope === null || scope === '') return []
  const list = Array.isArray(scope)
    ? scope.map(String)
    : (typeof scope === 'string' ? scope : describe(scope)).split(' ').filter(Boolean)
  if (list.every((s) => s === '*')) return list
  throw fail('ec5_254', `scope ${list.join(' ')} is not defined`)
}
