/**
 * The token endpoint's node:crypto fast path (src/providers/redox/routes/quick-verify.ts) accepts exactly
 * what jose's `jwtVerify` accepts with the token endpoint's options, for every algorithm a key may
 * allow, and never accepts an assertion jose refuses.
 */
import { KeyObject, sign as cryptoSign } from 'node:crypto'
import { SignJWT, exportJWK, generateKeyPair, jwtVerify, type JWTPayload } from 'jose'
import { describe, expect, it } from 'vitest'
import { toPublicKey } from '../../../src/providers/redox/state/public-keys.js'
import { acceptedQuickly } from '../../../src/providers/redox/routes/quick-verify.js'

const AUD = 'http://127.0.0.1:4010/redox/v2/auth/token'
const CLIENT = 'client-1'
const NOW = new Date('2026-03-01T12:00:00Z')
const now = Math.floor(NOW.getTime() / 1000)
const SKEW = 10
const MAX_AGE = 300

const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512']

async function keyFor(alg: string) {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true })
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1' }
  return { privateKey, publicKey, key: toPublicKey(jwk) }
}

type Key = Awaited<ReturnType<typeof keyFor>>

async function sign(k: Key, alg: string, claims: JWTPayload) {
  return new SignJWT(claims).setProtectedHeader({ alg, kid: 'k1' }).sign(k.privateKey)
}

function sign384(input: string, key: KeyObject): Buffer {
  return cryptoSign('sha384', Buffer.from(input), key)
}

const VALID: JWTPayload = {
  iss: CLIENT,
  sub: CLIENT,
  aud: AUD,
  iat: now - 5,
  exp: now + 60,
  jti: 'j1',
}

async function joseAccepts(assertion: string, k: Key, alg: string): Promise<boolean> {
  try {
    await jwtVerify(assertion, k.publicKey, {
      algorithms: [alg],
      audience: [AUD],
      issuer: CLIENT,
      subject: CLIENT,
      clockTolerance: SKEW,
      maxTokenAge: MAX_AGE,
      requiredClaims: ['jti'],
      currentDate: NOW,
    })
    return true
  } catch {
    return false
  }
}

function quick(assertion: string, k: Key, alg: string): boolean {
  const [header, payload] = assertion.split('.')
  return acceptedQuickly({
    assertion,
    header: JSON.parse(Buffer.from(header ?? '', 'base64url').toString()) as Record<string, never>,
    claims: JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as JWTPayload,
    key: k.key,
    alg,
    clientId: CLIENT,
    audiences: [AUD],
    now: NOW,
    skewSeconds: SKEW,
    maxAgeSeconds: MAX_AGE,
  })
}

/** The claims without one of them. */
function without(name: string): JWTPayload {
  return Object.fromEntries(Object.entries(VALID).filter(([key]) => key !== name))
}

const VARIANTS: [string, JWTPayload][] = [
  ['valid', VALID],
  ['aud as an array', { ...VALID, aud: ['https://elsewhere.example', AUD] }],
  ['no exp', without('exp')],
  ['wrong aud', { ...VALID, aud: 'https://elsewhere.example/token' }],
  ['wrong iss', { ...VALID, iss: 'client-2' }],
  ['wrong sub', { ...VALID, sub: 'client-2' }],
  ['expired', { ...VALID, exp: now - SKEW }],
  ['iat too old', { ...VALID, iat: now - MAX_AGE - SKEW - 1 }],
  ['iat ahead', { ...VALID, iat: now + SKEW + 1 }],
  ['iat at the skew', { ...VALID, iat: now + SKEW }],
  ['nbf ahead', { ...VALID, nbf: now + SKEW + 1 }],
  ['iat huge', { ...VALID, iat: 1e308 }],
  ['iat a string', { ...VALID, iat: String(now) as unknown as number }],
  ['no jti', without('jti')],
]

describe('Redox assertion fast path', () => {
  it.each(ALGORITHMS)('agrees with jose on every variant for %s', async (alg) => {
    const k = await keyFor(alg)
    for (const [name, claims] of VARIANTS) {
      const assertion = await sign(k, alg, JSON.parse(JSON.stringify(claims)) as JWTPayload)
      expect([name, quick(assertion, k, alg)]).toEqual([name, await joseAccepts(assertion, k, alg)])
    }
    expect(quick(await sign(k, alg, VALID), k, alg)).toBe(true)
  })

  it('leaves a tampered payload, a foreign key and a crit header to jose', async () => {
    const k = await keyFor('RS384')
    const other = await keyFor('RS384')
    const good = await sign(k, 'RS384', VALID)
    const [h, , s] = good.split('.')
    const forged = `${h ?? ''}.${Buffer.from(JSON.stringify({ ...VALID, jti: 'j2' })).toString('base64url')}.${s ?? ''}`
    expect(quick(forged, k, 'RS384')).toBe(false)
    expect(await joseAccepts(forged, k, 'RS384')).toBe(false)
    expect(quick(good, other, 'RS384')).toBe(false)
    // jose will not sign a header with an unknown crit member, so this one is signed by hand.
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
    const input = `${part({ alg: 'RS384', kid: 'k1', crit: ['x-bench'], 'x-bench': 1 })}.${part(VALID)}`
    const signature = sign384(input, KeyObject.from(k.privateKey))
    const crit = `${input}.${signature.toString('base64url')}`
    expect(await joseAccepts(crit, k, 'RS384')).toBe(false)
    expect(quick(crit, k, 'RS384')).toBe(false)
  })
})
