/**
 * The access token: an RS256 JWT as league/oauth2-server 8.5 (lcobucci/jwt 5) writes it, header
 * `{"typ":"JWT","alg":"RS256"}`, claims `aud` (the client id as a string), `jti` (80 hex), `iat`,
 * `nbf`, `exp` (= iat + lifetime), `sub` (empty: no user) and `scopes`. Times come from the virtual
 * clock and keep its milliseconds as a fraction, as lcobucci keeps microseconds.
 *
 * @see https://github.com/thephpleague/oauth2-server/blob/8.5.5/src/Entities/Traits/AccessTokenTrait.php
 * @see https://github.com/thephpleague/oauth2-server/blob/8.5.5/src/AuthorizationValidators/BearerTokenValidator.php
 */
import { compactVerify, importPKCS8, importSPKI, SignJWT, type CryptoKey } from 'jose'

export interface SigningKeys {
  readonly privateKey: CryptoKey
  readonly publicKey: CryptoKey
}

export interface AccessClaims {
  readonly aud: string
  readonly jti: string
  readonly iat: number
  readonly nbf: number
  readonly exp: number
  readonly sub: string
  readonly scopes: readonly string[]
}

/** Imported keys by PEM text, so a reset or a new session does not import them again. */
const imported = new Map<string, Promise<SigningKeys>>()

export function importSigningKeys(privatePem: string, publicPem: string): Promise<SigningKeys> {
  const cacheKey = `${privatePem}\n${publicPem}`
  let keys = imported.get(cacheKey)
  if (!keys) {
    keys = Promise.all([importPKCS8(privatePem, 'RS256'), importSPKI(publicPem, 'RS256')]).then(
      ([privateKey, publicKey]) => ({ privateKey, publicKey }),
    )
    imported.set(cacheKey, keys)
  }
  return keys
}

export function signAccessToken(keys: SigningKeys, claims: AccessClaims): Promise<string> {
  // The claims carry explicit virtual-clock times in lcobucci's order (aud, jti, iat, nbf, exp, sub).
  return new SignJWT({ ...claims, scopes: [...claims.scopes] })
    .setProtectedHeader({ typ: 'JWT', alg: 'RS256' })
    .sign(keys.privateKey)
}

/** Why a bearer token is refused; every reason is the same 404 `ec5_256` on the wire. */
export class AccessDenied extends Error {
  override readonly name = 'AccessDenied'
}

/**
 * Parses and checks the signature; times are checked by the caller against the virtual clock.
 * lcobucci refuses a token whose time claims are not numbers, or whose `aud` is missing.
 */
export async function verifyAccessToken(keys: SigningKeys, jwt: string): Promise<AccessClaims> {
  let payload: Uint8Array
  try {
    payload = (await compactVerify(jwt, keys.publicKey, { algorithms: ['RS256'] })).payload
  } catch {
    throw new AccessDenied('the token is not a JWT signed by this server')
  }
  let claims: Record<string, unknown>
  try {
    claims = JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>
  } catch {
    throw new AccessDenied('the token payload is not JSON')
  }
  const time = (name: string) => {
    const value = claims[name]
    if (value === undefined) return undefined
    if (typeof value !== 'number') throw new AccessDenied(`the ${name} claim is not a number`)
    return value
  }
  const aud = Array.isArray(claims.aud) ? (claims.aud as unknown[])[0] : claims.aud
  return {
    aud: typeof aud === 'string' ? aud : '',
    jti: typeof claims.jti === 'string' ? claims.jti : '',
    iat: time('iat') ?? -Infinity,
    nbf: time('nbf') ?? -Infinity,
    exp: time('exp') ?? Infinity,
    sub: typeof claims.sub === 'string' ? claims.sub : '',
    scopes: Array.isArray(claims.scopes) ? claims.scopes.map(String) : [],
  }
}

/** LooseValidAt with no leeway: issued and usable by now, and now strictly before `exp`. */
export function timeProblem(claims: AccessClaims, nowMs: number): string | undefined {
  const now = nowMs / 1000
  if (now >= claims.exp)
    return `token expired at ${new Date(claims.exp * 1000).toISOString()} (virtual time)`
  if (claims.iat > now || claims.nbf > now)
    return `token not valid before ${new Date(Math.max(claims.iat, claims.nbf) * 1000).toISOString()} (virtual time)`
  return undefined
}
