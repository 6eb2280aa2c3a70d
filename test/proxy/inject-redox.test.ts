import {
  exportJWK,
  exportPKCS8,
  generateKeyPair,
  jwtVerify,
  type CryptoKey,
  type JWTPayload,
} from 'jose'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { redoxInjector } from '../../src/providers/redox/proxy/injector.js'
import { injectorKit, textOf, type InjectorKit } from '../support/injector-kit.js'
import { json, startStub, type Stub } from '../support/stub-upstream.js'

const CLIENT_ID = 'c0ffee00-1234-4abc-9def-0123456789ab'
const KID = 'key-2026-03'
let publicKey: CryptoKey
let privateJwk: string
let privatePem: string

beforeAll(async () => {
  const pair = await generateKeyPair('RS384', { extractable: true })
  publicKey = pair.publicKey
  privateJwk = JSON.stringify({ ...(await exportJWK(pair.privateKey)), kid: KID, alg: 'RS384' })
  privatePem = await exportPKCS8(pair.privateKey)
})

let stub: Stub
let kit: InjectorKit
let live: string | undefined
const assertions: { header: unknown; claims: JWTPayload }[] = []

/** A Redox token endpoint that verifies assertions with jose, as the real one does. */
async function setUp(options: { mount: string; privateKey?: string; kid?: boolean }) {
  live = undefined
  assertions.length = 0
  stub = await startStub(async (request, res) => {
    if (request.url === `${options.mount}/v2/auth/token`) {
      const form = new URLSearchParams(request.body.toString())
      const assertion = form.get('client_assertion') ?? ''
      try {
        const { payload, protectedHeader } = await jwtVerify(assertion, publicKey, {
          algorithms: ['RS384'],
          audience: `${stub.url}${options.mount}/v2/auth/token`,
          issuer: CLIENT_ID,
          subject: CLIENT_ID,
          currentDate: kit.clock.now(),
        })
        expect(form.get('grant_type')).toBe('client_credentials')
        expect(form.get('client_assertion_type')).toBe(
          'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        )
        assertions.push({ header: protectedHeader, claims: payload })
      } catch (error) {
        json(res, 401, { error: 'invalid_client', error_description: String(error) })
        return
      }
      live = `redox-access-${String(assertions.length)}-abcdefgh`
      json(res, 200, { access_token: live, token_type: 'Bearer', expires_in: 300, scope: '' })
      return
    }
    if (request.headers.authorization !== `Bearer ${String(live)}`) {
      json(res, 401, { error: 'invalid_token' })
      return
    }
    json(res, 200, { resourceType: 'Patient', id: 'p1' }, 'application/fhir+json')
  })
  kit = injectorKit(redoxInjector, {
    url: `${stub.url}${options.mount}`,
    key: options.mount === '/redox-ca' ? 'redoxCa' : 'redox',
    env: { REDOX_ID: CLIENT_ID, REDOX_KID: KID, REDOX_KEY: options.privateKey ?? privateJwk },
    credentials: {
      clientId: { env: 'REDOX_ID' },
      privateKey: { env: 'REDOX_KEY' },
      ...(options.kid === true ? { kid: { env: 'REDOX_KID' } } : {}),
    },
  })
}

afterEach(async () => {
  kit.close()
  await stub.close()
})

const PATIENT = '/fhir/R4/dest/Development/Patient/p1'

describe('Redox credential injection', () => {
  it.each([
    ['the US host', '/redox'],
    ['the Canada host', '/redox-ca'],
  ])(
    'signs an RS384 assertion with the kid and aud of %s and sends its token',
    async (_, mount) => {
      await setUp({ mount })
      const response = await kit.send({ pathAndQuery: PATIENT })
      expect([response.status, await textOf(response)]).toEqual([
        200,
        '{"resourceType":"Patient","id":"p1"}',
      ])
      const iat = kit.clock.epochSeconds()
      expect(assertions).toEqual([
        {
          header: { alg: 'RS384', kid: KID, typ: 'JWT' },
          claims: {
            iss: CLIENT_ID,
            sub: CLIENT_ID,
            aud: `${stub.url}${mount}/v2/auth/token`,
            iat,
            exp: iat + 300,
            jti: 'jti-1',
          },
        },
      ])
    },
  )

  it('accepts a PKCS#8 PEM key with the kid given separately', async () => {
    await setUp({ mount: '/redox', privateKey: privatePem, kid: true })
    expect((await kit.send({ pathAndQuery: PATIENT })).status).toBe(200)
    expect(assertions.map((a) => a.header)).toEqual([{ alg: 'RS384', kid: KID, typ: 'JWT' }])
  })

  it('keeps the 5-minute token and refreshes it a minute early with a fresh assertion', async () => {
    await setUp({ mount: '/redox' })
    await kit.send({ pathAndQuery: PATIENT })
    kit.clock.advance(239)
    await kit.send({ pathAndQuery: PATIENT })
    expect(assertions).toHaveLength(1)
    kit.clock.advance(1)
    await kit.send({ pathAndQuery: PATIENT })
    expect(assertions.map((a) => [a.claims.iat, a.claims.jti])).toEqual([
      [kit.clock.epochSeconds() - 240, 'jti-1'],
      [kit.clock.epochSeconds(), 'jti-2'],
    ])
  })

  it('retries once with a new token when the upstream answers 401', async () => {
    await setUp({ mount: '/redox' })
    await kit.send({ pathAndQuery: PATIENT })
    live = 'revoked-upstream'
    expect((await kit.send({ pathAndQuery: PATIENT })).status).toBe(200)
    expect(assertions).toHaveLength(2)
  })

  it('remembers every token and assertion so they can be redacted', async () => {
    await setUp({ mount: '/redox' })
    await kit.send({ pathAndQuery: PATIENT })
    expect(kit.redactor.scrub(`token ${String(live)} for ${CLIENT_ID}`)).toBe(
      'token {{redox.access_token}} for {{redox.clientId}}',
    )
  })
})
