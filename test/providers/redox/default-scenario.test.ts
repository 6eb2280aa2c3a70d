import { readFileSync } from 'node:fs'
import { calculateJwkThumbprint, type JWK } from 'jose'
import { expect, it } from 'vitest'
import { createTestStandin } from '../../../src/testing/index.js'
import { DEMO_KID, DEMO_PRIVATE_JWK, postToken, signAssertion, tokenForm } from './support.js'

const US_DEMO = '0d6f2c1e-8b4a-4f7e-9c3d-5a1b2e3f4d50'
const CA_DEMO = '7c9e4b2a-1d3f-4a6e-8b5c-2f0d9e8a7c61'

it('ships a demo public key that is the public half of the demo private key', async () => {
  const publicJwk = JSON.parse(
    readFileSync(
      new URL('../../../fixtures/redox/keys/demo-public.jwk.json', import.meta.url),
      'utf8',
    ),
  ) as JWK
  expect(publicJwk).toEqual({
    kty: 'RSA',
    kid: DEMO_KID,
    use: 'sig',
    alg: 'RS384',
    n: DEMO_PRIVATE_JWK.n,
    e: DEMO_PRIVATE_JWK.e,
  })
  expect(await calculateJwkThumbprint(publicJwk)).toBe(DEMO_KID)
})

it('offers ready API keys on both hosts and a legacy key in the default scenario', async () => {
  const t = await createTestStandin({ scenario: 'default' })
  const us = await signAssertion({
    clientId: US_DEMO,
    aud: 'https://api.redoxengine.com/v2/auth/token',
  })
  expect((await postToken(t, tokenForm(us))).status).toBe(200)
  const ca = await signAssertion({
    clientId: CA_DEMO,
    aud: 'http://localhost/redox-ca/v2/auth/token',
  })
  expect((await postToken(t, tokenForm(ca), '/redox-ca')).status).toBe(200)
  const legacy = await t.request('/redox/auth/authenticate', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      apiKey: '4e8a1c7b-3f2d-4b9e-a6c5-0d1e2f3a4b72',
      secret: 'demo-legacy-secret-not-for-production',
    }),
  })
  expect(legacy.status).toBe(200)
})

it('names the API key and the file when a seeded key fixture is missing', async () => {
  const scenario = {
    providers: {
      redox: { apiKeys: [{ clientId: 'b', publicKeys: [{ fixture: 'redox/keys/missing.json' }] }] },
    },
  }
  await expect(createTestStandin({ scenario })).rejects.toThrow(
    'Failed to load the keys of Redox API key "b": fixture "redox/keys/missing.json" does not exist. Put a public JWK or a JWKS there, or give the JWK inline.',
  )
})
