/**
 * The token endpoint's fast path: an assertion that passes every check is accepted after a
 * synchronous `node:crypto` signature check with a `KeyObject` built once per public key, instead
 * of jose's Web Crypto verify (asynchronous, through the thread pool, several times the cost).
 * It only ever says yes: anything it does not accept, for whatever reason, goes through jose
 * exactly as before, so every refusal and its wording come from one place (jwt-assertion.ts).
 * The claim rules are jose's `jwtVerify` with the options jwt-assertion.ts passes.
 */
import { constants, createPublicKey, verify, type JsonWebKey, type KeyObject } from 'node:crypto'
import type { JWTPayload, ProtectedHeaderParameters } from 'jose'
import type { PublicKey } from '../state/model.js'

/** Built on first use; null when node:crypto cannot read the JWK (jose then decides). */
const keyObjects = new WeakMap<PublicKey, KeyObject | null>()

const HASH = { '256': 'sha256', '384': 'sha384', '512': 'sha512' } as const
const CURVE = { ES256: 'prime256v1', ES384: 'secp384r1', ES512: 'secp521r1' } as const
const BASE64URL = /^[A-Za-z0-9_-]*$/

export interface QuickCheck {
  readonly assertion: string
  readonly header: ProtectedHeaderParameters
  readonly claims: JWTPayload
  readonly key: PublicKey
  readonly alg: string
  readonly clientId: string
  readonly audiences: readonly string[]
  readonly now: Date
  readonly skewSeconds: number
  readonly maxAgeSeconds: number
}

/** True when the assertion is valid in every respect jose would check; false means "ask jose". */
export function acceptedQuickly(check: QuickCheck): boolean {
  return claimsAccepted(check) && signatureVerifies(check)
}

function keyObjectOf(key: PublicKey): KeyObject | null {
  let object = keyObjects.get(key)
  if (object === undefined) {
    try {
      object = createPublicKey({ key: key.jwk as JsonWebKey, format: 'jwk' })
    } catch {
      object = null
    }
    keyObjects.set(key, object)
  }
  return object
}

function signatureVerifies(check: QuickCheck): boolean {
  const { header, alg } = check
  if (header.crit !== undefined || header.b64 !== undefined) return false
  const parts = check.assertion.split('.')
  if (parts.length !== 3 || !parts.every((p) => BASE64URL.test(p))) return false
  const family = alg.slice(0, 2)
  const hash = HASH[alg.slice(2) as keyof typeof HASH] as string | undefined
  const keyObject = keyObjectOf(check.key)
  if (hash === undefined || !keyObject) return false
  const details = keyObject.asymmetricKeyDetails
  const signed = Buffer.from(`${parts[0] ?? ''}.${parts[1] ?? ''}`)
  const signature = Buffer.from(parts[2] ?? '', 'base64url')
  try {
    if (family === 'RS' || family === 'PS') {
      if (keyObject.asymmetricKeyType !== 'rsa' || (details?.modulusLength ?? 0) < 2048)
        return false
      const padding =
        family === 'PS'
          ? {
              padding: constants.RSA_PKCS1_PSS_PADDING,
              saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
            }
          : { padding: constants.RSA_PKCS1_PADDING }
      return verify(hash, signed, { key: keyObject, ...padding }, signature)
    }
    if (family === 'ES') {
      if (keyObject.asymmetricKeyType !== 'ec') return false
      if (details?.namedCurve !== CURVE[alg as keyof typeof CURVE]) return false
      return verify(hash, signed, { key: keyObject, dsaEncoding: 'ieee-p1363' }, signature)
    }
  } catch {
    return false
  }
  return false
}

function finiteOrAbsent(value: unknown): value is number | undefined {
  return value === undefined || (typeof value === 'number' && Number.isFinite(value))
}

function claimsAccepted(check: QuickCheck): boolean {
  const { claims, clientId, skewSeconds: skew } = check
  if (!['jti', 'iat', 'aud', 'sub', 'iss'].every((name) => Object.hasOwn(claims, name)))
    return false
  if (claims.iss !== clientId || claims.sub !== clientId) return false
  const aud = claims.aud
  const audiences = check.audiences
  const audOk =
    typeof aud === 'string'
      ? audiences.includes(aud)
      : Array.isArray(aud) && audiences.some((a) => aud.includes(a))
  if (!audOk) return false
  const { iat, nbf, exp } = claims
  if (typeof iat !== 'number' || !Number.isFinite(iat)) return false
  if (!finiteOrAbsent(nbf) || !finiteOrAbsent(exp)) return false
  const now = Math.floor(check.now.getTime() / 1000)
  if (nbf !== undefined && nbf > now + skew) return false
  if (exp !== undefined && exp <= now - skew) return false
  const age = now - iat
  return age - skew <= check.maxAgeSeconds && age >= -skew
}
