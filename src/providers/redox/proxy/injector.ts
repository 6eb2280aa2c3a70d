/**
 * Redox: standin signs its own `private_key_jwt` client assertion (RS384, `kid`, `iss` = `sub` = the
 * client id, `aud` = the token URL of that region's upstream; protocols/redox.md §1.3-1.4 and §4),
 * trades it at `POST /v2/auth/token` for a 5-minute token, refreshes it a minute early, and sends it
 * as `Authorization: Bearer`. A 401 from the upstream drops the token and the request is retried once.
 */
import { importJWK, importPKCS8, SignJWT, type CryptoKey, type JWK } from 'jose'
import { StandinError } from '../../../core/errors.js'
import { joinUrl } from '../../../proxy/transport.js'
import type { InjectorDefinition, InjectorDeps } from '../../../proxy/inject/injector.js'
import { bearerHeader } from '../../../proxy/inject/place.js'
import { TokenCache } from '../../../proxy/inject/token-cache.js'
import { requestAccessToken } from '../../../proxy/inject/oauth-client.js'

const TOKEN_PATH = '/v2/auth/token'
/** Redox access tokens live 300 s (protocols/redox.md §1). */
const TOKEN_LIFETIME_SECONDS = 300
/** Redox accepts an iat within the past 5 minutes; our assertion is used at once. */
const ASSERTION_LIFETIME_SECONDS = 300
const ALG = 'RS384'

export const redoxInjector: InjectorDefinition = {
  provider: 'redox',
  localPaths: [TOKEN_PATH, '/auth/authenticate', '/auth/refreshToken'],
  place: bearerHeader,
  fields: ['clientId', 'privateKey'],
  staleWhen: { status: 401 },
  create(deps) {
    const tokenUrl = joinUrl(deps.upstream.url, TOKEN_PATH)
    let signingKey: Promise<{ key: CryptoKey; kid: string }> | undefined
    const cache = new TokenCache(
      deps.clock,
      async () => {
        signingKey ??= loadSigningKey(deps).catch((error: unknown) => {
          signingKey = undefined
          throw error
        })
        const assertion = await signAssertion(deps, tokenUrl, await signingKey)
        return requestAccessToken(
          deps,
          tokenUrl,
          {
            grant_type: 'client_credentials',
            client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
            client_assertion: assertion,
          },
          TOKEN_LIFETIME_SECONDS,
        )
      },
      () => 60,
    )
    return cache
  },
}

async function signAssertion(
  deps: InjectorDeps,
  tokenUrl: string,
  signing: { key: CryptoKey; kid: string },
): Promise<string> {
  const clientId = deps.secret('clientId')
  const iat = deps.clock.epochSeconds()
  const assertion = await new SignJWT({})
    .setProtectedHeader({ alg: ALG, kid: signing.kid, typ: 'JWT' })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(tokenUrl)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ASSERTION_LIFETIME_SECONDS)
    .setJti(deps.nonce())
    .sign(signing.key)
  deps.redactor.add(assertion, `${deps.upstream.key}.client_assertion`)
  return assertion
}

async function loadSigningKey(deps: InjectorDeps): Promise<{ key: CryptoKey; kid: string }> {
  const where = `credentials.${deps.upstream.key}`
  const text = deps.secret('privateKey')
  const configuredKid = deps.has('kid') ? deps.secret('kid') : undefined
  try {
    if (text.startsWith('{')) {
      const jwk = JSON.parse(text) as JWK
      const kid = configuredKid ?? jwk.kid
      if (kid === undefined) throw refused(`${where}.kid is needed: the private JWK has no kid`)
      return { key: (await importJWK(jwk, ALG)) as CryptoKey, kid }
    }
    if (configuredKid === undefined) throw refused(`${where}.kid is needed with a PEM key`)
    return { key: await importPKCS8(text, ALG), kid: configuredKid }
  } catch (error) {
    if (error instanceof StandinError) throw error
    throw refused(`${where}.privateKey is not an RSA private JWK or PKCS#8 PEM`)
  }
}

function refused(detail: string): StandinError {
  return new StandinError('upstream_failed', 'Bad gateway', { detail })
}
