/**
 * signRedoxAssertion: a `client_assertion` for Redox's token endpoint, signed as Redox's own Node
 * sample signs one (RS384, `kid` in the header; `iss` = `sub` = the client id, `aud` the token URL,
 * `iat` now, a unique `jti`). By default it signs with the published demo key
 * (fixtures/redox/keys/demo-private.jwk.json) for the default scenario's US API key.
 */
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { importJWK, SignJWT, type JWK } from 'jose'
import { PACKAGE_ROOT } from './package-root.js'

/** The default scenario's US API key, registered with the demo public key. */
export const DEFAULT_REDOX_CLIENT_ID = '0d6f2c1e-8b4a-4f7e-9c3d-5a1b2e3f4d50'
/** The token URL a client of the real Redox signs for; standin accepts it beside its own. */
export const REDOX_TOKEN_URL = 'https://api.redoxengine.com/v2/auth/token'

export interface RedoxAssertionOptions {
  /** A private JWK; default the demo key. */
  readonly key?: JWK
  readonly clientId?: string
  /** The token URL as the client reaches it; default Redox's own. */
  readonly aud?: string
  readonly alg?: 'RS256' | 'RS384' | 'RS512' | 'ES256' | 'ES384' | 'ES512'
}

let demoKey: JWK | undefined

/** The published demo private key (fixtures/redox/keys/README.md: for standin only). */
export function demoRedoxPrivateJwk(): JWK {
  demoKey ??= JSON.parse(
    readFileSync(`${PACKAGE_ROOT}fixtures/redox/keys/demo-private.jwk.json`, 'utf8'),
  ) as JWK
  return { ...demoKey }
}

export async function signRedoxAssertion(options: RedoxAssertionOptions = {}): Promise<string> {
  const jwk = options.key ?? demoRedoxPrivateJwk()
  const alg = options.alg ?? (typeof jwk.alg === 'string' ? jwk.alg : 'RS384')
  const clientId = options.clientId ?? DEFAULT_REDOX_CLIENT_ID
  const key = await importJWK({ ...jwk, alg }, alg)
  return new SignJWT({ jti: randomUUID() })
    .setProtectedHeader({ alg, ...(jwk.kid === undefined ? {} : { kid: jwk.kid }) })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(options.aud ?? REDOX_TOKEN_URL)
    .setIssuedAt(Math.floor(Date.now() / 1000))
    .sign(key)
}
