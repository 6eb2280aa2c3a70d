import type { JWK } from 'jose'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { PATIENT_ID, signAssertion, tokenForm } from '../../providers/redox/support.js'
import { TOKEN_ERROR_URI } from '../../../src/providers/redox/errors.js'
import { outcome, serveScenario, type Served } from './support.js'

const US_CLIENT = '0d6f2c1e-8b4a-4f7e-9c3d-5a1b2e3f4d50'
const CA_CLIENT = '7c9e4b2a-1d3f-4a6e-8b5c-2f0d9e8a7c61'
const FHIR = `/fhir/R4/redox-fhir-sandbox/Development/Patient/${PATIENT_ID}`
const ROTATED = JSON.parse(
  readFileSync(
    new URL('../../../fixtures/redox/keys/rotated-private.jwk.json', import.meta.url),
    'utf8',
  ),
) as JWK & { kid: string }

async function requestToken(
  s: Served,
  mount: string,
  clientId: string,
  key?: JWK,
): Promise<Response> {
  const aud = `${s.url}${mount}/v2/auth/token`
  const assertion = await signAssertion({ clientId, aud, ...(key ? { key } : {}) })
  return fetch(aud, { method: 'POST', body: tokenForm(assertion) })
}

async function accessToken(s: Served, mount = '/redox', clientId = US_CLIENT, key?: JWK) {
  const response = await requestToken(s, mount, clientId, key)
  const body = (await response.json()) as { access_token?: string }
  expect(body.access_token).toBeTruthy()
  return body.access_token ?? ''
}

function fhir(s: Served, token: string, mount = '/redox'): Promise<Response> {
  return fetch(`${s.url}${mount}${FHIR}`, { headers: { authorization: `Bearer ${token}` } })
}

const AUTHENTICATION_FAILED = {
  status: 401,
  body: { error: 'invalid_token', error_description: 'Authentication failed' },
}
const KEY_NOT_FOUND = {
  status: 400,
  body: {
    error: 'invalid_request',
    error_description: 'Public key not found, check client_id, kid and Redox dashboard settings',
    error_uri: TOKEN_ERROR_URI,
  },
}

describe('Redox library scenarios', () => {
  it('redox-token-expiry-mid-run: the third FHIR call gets 401, a new assertion a new token', async () => {
    const s = await serveScenario('redox-token-expiry-mid-run')
    const token = await accessToken(s)
    expect((await fhir(s, token)).status).toBe(200)
    expect((await fhir(s, token)).status).toBe(200)
    expect(await outcome(await fhir(s, token))).toEqual(AUTHENTICATION_FAILED)
    expect((await fhir(s, await accessToken(s))).status).toBe(200)
  })

  it('redox-key-rotation: the old key is refused after two token requests, the new one works', async () => {
    const s = await serveScenario('redox-key-rotation')
    const first = await accessToken(s)
    await accessToken(s)
    expect(await outcome(await requestToken(s, '/redox', US_CLIENT))).toEqual(KEY_NOT_FOUND)
    expect((await fhir(s, first)).status).toBe(200)
    expect((await fhir(s, await accessToken(s, '/redox', US_CLIENT, ROTATED))).status).toBe(200)
  })

  it('redox-canada-host: the key works on the Canada host only', async () => {
    const s = await serveScenario('redox-canada-host')
    const token = await accessToken(s, '/redox-ca', CA_CLIENT)
    expect((await fhir(s, token, '/redox-ca')).status).toBe(200)
    expect(await outcome(await fhir(s, token, '/redox'))).toEqual(AUTHENTICATION_FAILED)
    expect((await requestToken(s, '/redox', CA_CLIENT)).status).toBe(400)
  })

  it('redox-jwks-url-unreachable: every token request is refused and the journal says why', async () => {
    const s = await serveScenario('redox-jwks-url-unreachable')
    expect(await outcome(await requestToken(s, '/redox', US_CLIENT))).toEqual(KEY_NOT_FOUND)
    const [entry] = s.world.journal.list(1)
    expect(entry?.why).toMatch(/jwks/i)
  })
})
