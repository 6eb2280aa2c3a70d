/**
 * `POST /v2/auth/token`: client_credentials with a private_key_jwt client assertion. The form checks
 * run in the order that reproduces Redox's documented messages, then the assertion is verified and
 * a 5-minute access token is issued (no refresh token: clients sign a new assertion each time).
 * @see https://docs.redoxengine.com/how-to/send-and-manage-requests/authenticate-with-jwt
 * @see https://docs.redoxengine.com/troubleshooting/troubleshoot-oauth-api-key-errors/
 */
import type { CredentialRegistry } from '../../../core/credentials.js'
import { StandinError } from '../../../core/errors.js'
import type { Random } from '../../../core/random.js'
import { refusal } from '../wire/assertion-refusals.js'
import { verifyAssertion, type AssertionDeps } from './jwt-assertion.js'
import { mediaTypeOf } from '../wire/request-body.js'
import type { ApiKey } from '../state/model.js'

export const CLIENT_CREDENTIALS = 'client_credentials'
export const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'
const FORM = 'application/x-www-form-urlencoded'

export interface TokenRequest {
  readonly contentType: string | undefined
  readonly body: string
}

export interface TokenDeps extends AssertionDeps {
  readonly credentials: CredentialRegistry
  readonly random: Random
}

/** The wire body, as Redox's sample describes it: access_token, scope, token_type, expires_in. */
export interface TokenResponse {
  readonly access_token: string
  readonly token_type: 'Bearer'
  readonly expires_in: number
  readonly scope: string
}

export interface IssuedToken {
  readonly body: TokenResponse
  readonly credentialId: string
}

export async function requestToken(request: TokenRequest, deps: TokenDeps): Promise<IssuedToken> {
  if (mediaTypeOf(request.contentType) !== FORM)
    throw new StandinError('unsupported_media_type', 'Unsupported content type', {
      status: 400,
      wireMessage: 'x-www-form-urlencoded content-type required',
      detail: `content type is ${request.contentType ?? 'missing'}, not ${FORM}`,
    })
  const form = new URLSearchParams(request.body)
  const grantType = param(form, 'grant_type')
  if (grantType === undefined) throw badRequest('Missing grant_type parameter')
  if (grantType !== CLIENT_CREDENTIALS)
    throw badRequest("The grant_type parameter should equal 'client_credentials'", grantType)
  const assertionType = param(form, 'client_assertion_type')
  if (assertionType === undefined) throw badRequest('Missing client assertion type')
  if (assertionType !== JWT_BEARER) throw badRequest('Invalid client assertion type', assertionType)
  const assertion = param(form, 'client_assertion')
  if (assertion === undefined) throw badRequest('Missing client assertion')
  const { apiKey, kid } = await verifyAssertion(assertion, deps)
  const clientId = param(form, 'client_id')
  if (clientId !== undefined && clientId !== apiKey.clientId)
    throw refusal(deps.state.settings)(
      '',
      `client_id ${clientId} is not the assertion's iss ${apiKey.clientId}`,
    )
  return issueAccessToken(apiKey, kid, deps)
}

/** A 5-minute (by default) access token for an API key, as the token endpoint grants one. */
export function issueAccessToken(
  apiKey: ApiKey,
  kid: string,
  deps: Pick<TokenDeps, 'credentials' | 'random' | 'state'>,
): IssuedToken {
  const ttl = deps.state.settings.accessTokenSeconds
  const secret = deps.random.alphanumeric(28)
  const view = deps.credentials.issue({
    provider: 'redox',
    kind: 'access_token',
    subject: apiKey.clientId,
    secret,
    ttlSeconds: ttl,
    attributes: {
      flow: 'oauth',
      region: apiKey.region,
      clientId: apiKey.clientId,
      environment: apiKey.environment,
      kid,
    },
  })
  return {
    body: {
      access_token: secret,
      token_type: 'Bearer',
      expires_in: ttl,
      scope: `fhir:${apiKey.environment.toLowerCase()}`,
    },
    credentialId: view.id,
  }
}

/** A form value; an empty one counts as missing. */
function param(form: URLSearchParams, name: string): string | undefined {
  const value = form.get(name)
  return value === null || value === '' ? undefined : value
}

function badRequest(description: string, got?: string): StandinError {
  return new StandinError('invalid_request', description, {
    wireMessage: description,
    detail: got === undefined ? description : `${description} (got "${got}")`,
  })
}
