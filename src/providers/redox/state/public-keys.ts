/**
 * Public keys of an API key: JWKs as pasted, read from a fixture, or generated the way Redox's
 * dashboard does (RSA 2048, `alg: RS384`, `use: sig`, `kid` = the RFC 7638 SHA-256 thumbprint).
 * A key is imported once per algorithm and cached, so the hot token endpoint never re-imports.
 */
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose'
import { StandinError } from '../../../core/errors.js'
import type { Algorithm } from './seed.js'
import { PRIVATE_JWK_MEMBERS } from './seed.js'
import type { PublicKey } from './model.js'

export function toPublicKey(jwk: JWK & { kid: string }): PublicKey {
  return { kid: jwk.kid, jwk, imported: new Map() }
}

export function keysByKid(jwks: readonly (JWK & { kid: string })[]): Map<string, PublicKey> {
  return new Map(jwks.map((jwk) => [jwk.kid, toPublicKey(jwk)]))
}

/** Why `alg` cannot be used with this key, or undefined when it can. */
export function algorithmMismatch(
  key: PublicKey,
  alg: string,
  allowed: readonly Algorithm[],
): string | undefined {
  if (!(allowed as readonly string[]).includes(alg))
    return `alg ${alg} is not allowed for this API key (allowed: ${allowed.join(', ')})`
  if (key.jwk.alg !== undefined && key.jwk.alg !== alg)
    return `alg ${alg} does not match the key's alg ${key.jwk.alg}`
  const family = alg.startsWith('ES') ? 'EC' : 'RSA'
  if (key.jwk.kty !== family)
    return `alg ${alg} needs a ${family} key, kid ${key.kid} is ${String(key.jwk.kty)}`
  return undefined
}

/** The CryptoKey for `alg`, imported on first use and then reused. */
export async function importedKey(key: PublicKey, alg: Algorithm): Promise<CryptoKey> {
  const cached = key.imported.get(alg)
  if (cached) return cached
  const imported = await importJWK({ ...key.jwk, alg }, alg)
  if (imported instanceof Uint8Array) throw new Error(`kid ${key.kid} is not an asymmetric key`)
  key.imported.set(alg, imported)
  return imported
}

/** A JWKS document as a list of public JWKs with kids; keys without a kid cannot be chosen. */
export function parseJwks(data: unknown): (JWK & { kid: string })[] {
  const keys = (data as { keys?: unknown } | null)?.keys
  if (!Array.isArray(keys)) throw new Error('the document has no "keys" array')
  return keys
    .filter(
      (k): k is JWK & { kid: string } =>
        typeof k === 'object' &&
        k !== null &&
        typeof (k as JWK).kid === 'string' &&
        typeof (k as JWK).kty === 'string',
    )
    .map(publicPart)
}

/** Drops private members, so a key file or JWKS that carries them still only verifies. */
export function publicPart<T extends JWK>(jwk: T): T {
  const out: Record<string, unknown> = { ...jwk }
  for (const member of PRIVATE_JWK_MEMBERS) Reflect.deleteProperty(out, member)
  return out as T
}

export interface GeneratedKey {
  readonly publicJwk: JWK & { kid: string }
  readonly privateJwk: JWK & { kid: string }
}

/** A new RS384 key pair as Redox's dashboard makes it; the private half leaves standin once. */
export async function generateRedoxKey(): Promise<GeneratedKey> {
  const { publicKey, privateKey } = await generateKeyPair('RS384', {
    modulusLength: 2048,
    extractable: true,
  })
  const publicJwk = await exportJWK(publicKey)
  const kid = await calculateJwkThumbprint(publicJwk, 'sha256')
  const meta = { kid, use: 'sig', alg: 'RS384' }
  return {
    publicJwk: { kty: 'RSA', ...meta, ...publicJwk },
    privateJwk: { kty: 'RSA', ...meta, ...(await exportJWK(privateKey)) },
  }
}

/** Reads `{ fixture }` key references: a public JWK or a JWKS file. */
export function readKeyFixture(text: string, path: string): (JWK & { kid: string })[] {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    throw new StandinError('invalid_request', `Failed to read key fixture "${path}": not JSON.`)
  }
  if (typeof data === 'object' && data !== null && 'keys' in data) return parseJwks(data)
  const jwk = data as JWK
  if (typeof jwk.kid !== 'string' || typeof jwk.kty !== 'string')
    throw new StandinError(
      'invalid_request',
      `Failed to read key fixture "${path}": a JWK needs "kty" and "kid".`,
    )
  return [publicPart(jwk as JWK & { kid: string })]
}
