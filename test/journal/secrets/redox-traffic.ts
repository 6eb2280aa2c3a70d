/**
 * Redox's secrets as its clients send them: private_key_jwt assertions (a key pair the control API
 * generates, and the demo key), the access tokens they buy on FHIR and Data Model routes, and the
 * legacy key's secret, access and refresh tokens.
 */
import type { JWK } from 'jose'
import { signRedoxAssertion } from '../../../src/testing/index.js'
import { DEMO_PRIVATE_JWK } from '../../providers/redox/support.js'
import { json, type Secrets } from './secrets.js'
import type { Served } from './served.js'

const REDOX_US_CLIENT = '0d6f2c1e-8b4a-4f7e-9c3d-5a1b2e3f4d50'
const LEGACY = {
  apiKey: '4e8a1c7b-3f2d-4b9e-a6c5-0d1e2f3a4b72',
  secret: 'demo-legacy-secret-not-for-production',
}
export const PATIENT_SEARCH =
  '/redox/fhir/R4/redox-fhir-sandbox/Development/Patient?given=Chloe&family=Tremblay&birthdate=1990-01-01'

export async function redoxTraffic(
  s: Served,
  secrets: Secrets,
): Promise<{ token: string; clientId: string }> {
  const aud = `${s.url}/redox/v2/auth/token`
  const created = await json<{ clientId: string; privateJwk: JWK }>(
    await s.control('/redox/api-keys', {
      method: 'POST',
      body: JSON.stringify({ name: 'Secrets' }),
    }),
  )
  for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi'] as const)
    secrets.add(`Redox generated private key (${member})`, String(created.privateJwk[member]))
  secrets.add('Redox demo private key (d)', String(DEMO_PRIVATE_JWK.d))
  const tokens: string[] = []
  for (const [label, key, clientId] of [
    ['generated key', created.privateJwk, created.clientId],
    ['demo key', DEMO_PRIVATE_JWK, REDOX_US_CLIENT],
  ] as const) {
    const assertion = secrets.add(
      `Redox client_assertion (${label})`,
      await signRedoxAssertion({ key, clientId, aud }),
    )
    secrets.add(`Redox client_assertion signature (${label})`, assertion.split('.')[2] ?? '')
    const answer = await json<{ access_token: string }>(
      await fetch(aud, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          client_assertion: assertion,
        }),
      }),
    )
    tokens.push(secrets.add(`Redox access token (${label})`, answer.access_token))
  }
  const [generated = '', demo = ''] = tokens
  const bearer = (token: string, init: RequestInit = {}) => ({
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  })
  await secrets.expect('fhir', await fetch(`${s.url}${PATIENT_SEARCH}`, bearer(generated)))
  const query = JSON.stringify({
    Meta: {
      DataModel: 'PatientSearch',
      EventType: 'Query',
      Destinations: [{ ID: 'af394f14-b34a-464f-8d24-895f370af4c9', Name: 'Redox EMR' }],
    },
    Patient: { Identifiers: [{ ID: '0000100871', IDType: 'MR' }] },
  })
  await secrets.expect(
    'data model',
    await fetch(`${s.url}/redox/query`, bearer(demo, { method: 'POST', body: query })),
  )

  const legacySecret = secrets.add('Redox legacy key secret', LEGACY.secret)
  const legacy = await json<{ accessToken: string; refreshToken: string }>(
    await fetch(`${s.url}/redox/auth/authenticate`, {
      method: 'POST',
      body: JSON.stringify({ apiKey: LEGACY.apiKey, secret: legacySecret }),
      headers: { 'content-type': 'application/json' },
    }),
  )
  secrets.add('Redox legacy access token', legacy.accessToken)
  secrets.add('Redox legacy refresh token', legacy.refreshToken)
  const refreshed = await json<{ accessToken: string }>(
    await fetch(`${s.url}/redox/auth/refreshToken`, {
      method: 'POST',
      body: new URLSearchParams({ apiKey: LEGACY.apiKey, refreshToken: legacy.refreshToken }),
    }),
  )
  secrets.add('Redox legacy access token (refreshed)', refreshed.accessToken)
  await secrets.expect(
    'legacy data model',
    await fetch(
      `${s.url}/redox/query`,
      bearer(refreshed.accessToken, { method: 'POST', body: query }),
    ),
  )
  return { token: demo, clientId: created.clientId }
}
