/**
 * OAuth API keys as Redox's Developer page manages them: create one with pasted public keys, a JWKS
 * URL, or a key pair standin generates (the private JWK is shown once and not kept); add or remove
 * keys to rotate without a restart; delete the key, which kills its live tokens.
 * @see https://docs.redoxengine.com/how-to-use-redox/send-and-manage-requests/authenticate-an-oauth-api-key/
 */
import type { JWK } from 'jose'
import type { CredentialRegistry } from '../../../core/credentials.js'
import { StandinError } from '../../../core/errors.js'
import type { Random } from '../../../core/random.js'
import { generateRedoxKey, keysByKid, toPublicKey } from './public-keys.js'
import type { Environment, Region } from '../region.js'
import type { Algorithm, CreateApiKey } from './seed.js'
import type { ApiKey, RedoxState } from './model.js'

export type KidJwk = JWK & { kid: string }

export interface ApiKeyInput {
  readonly clientId: string
  readonly name: string
  readonly region: Region
  readonly environment: Environment
  readonly algorithms: readonly Algorithm[]
  readonly jwks: readonly KidJwk[]
  readonly jwksUrl?: string | undefined
}

export function addApiKey(state: RedoxState, input: ApiKeyInput, createdAt: string): ApiKey {
  if (state.apiKeys.has(input.clientId))
    throw new StandinError(
      'conflict',
      `Failed to create API key: client ID "${input.clientId}" is taken.`,
    )
  const key: ApiKey = {
    clientId: input.clientId,
    name: input.name,
    region: input.region,
    environment: input.environment,
    algorithms: input.algorithms,
    keys: keysByKid(input.jwks),
    jwksUrl:
      input.jwksUrl === undefined
        ? undefined
        : { url: input.jwksUrl, cache: undefined, pending: undefined },
    createdAt,
  }
  state.apiKeys.set(key.clientId, key)
  return key
}

export interface CreatedApiKey {
  readonly clientId: string
  readonly name: string
  readonly region: Region
  readonly environment: Environment
  readonly kid?: string
  /** Only when standin generated the pair; never stored. */
  readonly privateJwk?: KidJwk
}

export async function createApiKey(
  state: RedoxState,
  payload: CreateApiKey,
  deps: { readonly random: Random; readonly nowIso: string },
): Promise<CreatedApiKey> {
  const given = (payload.jwks ?? []) as KidJwk[]
  const generated =
    given.length === 0 && payload.jwksUrl === undefined ? await generateRedoxKey() : undefined
  const jwks = generated ? [generated.publicJwk] : given
  const key = addApiKey(
    state,
    { ...payload, clientId: payload.clientId ?? deps.random.uuid(), jwks },
    deps.nowIso,
  )
  const kid = payload.jwksUrl === undefined ? jwks[0]?.kid : undefined
  return {
    clientId: key.clientId,
    name: key.name,
    region: key.region,
    environment: key.environment,
    ...(kid === undefined ? {} : { kid }),
    ...(generated ? { privateJwk: generated.privateJwk } : {}),
  }
}

export function findApiKeyOrFail(state: RedoxState, clientId: string): ApiKey {
  const key = state.apiKeys.get(clientId)
  if (!key) throw new StandinError('not_found', `No Redox API key has client ID "${clientId}".`)
  return key
}

/** Deletes the key and revokes its live tokens; returns how many died. */
export function deleteApiKey(
  state: RedoxState,
  clientId: string,
  credentials: CredentialRegistry,
): number {
  findApiKeyOrFail(state, clientId)
  state.apiKeys.delete(clientId)
  return credentials.revokeWhere(
    (c) =>
      c.provider === 'redox' && c.attributes.flow === 'oauth' && c.attributes.clientId === clientId,
    'API key deleted',
  )
}

/** Adds a public key (or a generated pair) to a key's list, for rotation. */
export async function addPublicKey(
  state: RedoxState,
  clientId: string,
  jwk: KidJwk | undefined,
): Promise<{ readonly kid: string; readonly privateJwk?: KidJwk }> {
  const key = findApiKeyOrFail(state, clientId)
  const generated = jwk ? undefined : await generateRedoxKey()
  const publicJwk = jwk ?? (generated as NonNullable<typeof generated>).publicJwk
  if (key.keys.has(publicJwk.kid))
    throw new StandinError(
      'conflict',
      `Failed to add the key: API key "${clientId}" already has kid "${publicJwk.kid}".`,
    )
  key.keys.set(publicJwk.kid, toPublicKey(publicJwk))
  return { kid: publicJwk.kid, ...(generated ? { privateJwk: generated.privateJwk } : {}) }
}

export function removePublicKey(state: RedoxState, clientId: string, kid: string): void {
  const key = findApiKeyOrFail(state, clientId)
  if (!key.keys.delete(kid))
    throw new StandinError('not_found', `API key "${clientId}" has no key with kid "${kid}".`)
}
