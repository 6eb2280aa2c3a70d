/**
 * A real OAuth client over a real socket: openid-client 6 with PrivateKeyJwt (RS384 + kid) against
 * both hosts, through the 5-minute expiry that QA forces with the control plane.
 */
import { importJWK } from 'jose'
import * as client from 'openid-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serveApp, type RunningServer } from '../../src/node/serve.js'
import { createTestStandin } from '../../src/testing/index.js'
import {
  CA_CLIENT,
  DEMO_KID,
  DEMO_PRIVATE_JWK,
  PATIENT_ID,
  US_CLIENT,
  options,
} from '../providers/redox/support.js'

let server: RunningServer

beforeAll(async () => {
  const t = await createTestStandin(options)
  server = await serveApp((request) => t.app.fetch(request), { host: '127.0.0.1', port: 0 })
})

afterAll(async () => {
  await server.close()
})

async function configure(mount: string, clientId: string): Promise<client.Configuration> {
  const tokenUrl = `${server.url}${mount}/v2/auth/token`
  const key = (await importJWK(DEMO_PRIVATE_JWK, 'RS384')) as CryptoKey
  const config = new client.Configuration(
    // issuer = token URL, so openid-client's aud (the issuer) is the token URL, as Redox requires
    { issuer: tokenUrl, token_endpoint: tokenUrl },
    clientId,
    undefined,
    client.PrivateKeyJwt({ key, kid: DEMO_KID }),
  )
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- plain HTTP on 127.0.0.1 is the point here
  client.allowInsecureRequests(config)
  return config
}

async function readPatient(config: client.Configuration, mount: string, token: string) {
  const url = new URL(
    `${server.url}${mount}/fhir/R4/redox-fhir-sandbox/Development/Patient/${PATIENT_ID}`,
  )
  return client.fetchProtectedResource(config, token, url, 'GET')
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!(error instanceof client.WWWAuthenticateChallengeError))
    throw new Error(`not refused: ${String(error)}`)
  return {
    status: error.status,
    challenge: error.cause[0],
    body: (await error.response.json()) as unknown,
  }
}

async function advance(seconds: number) {
  const response = await fetch(`${server.url}/_standin/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advance: seconds }),
  })
  expect(response.status).toBe(200)
}

describe.each([
  ['/redox', US_CLIENT],
  ['/redox-ca', CA_CLIENT],
])('openid-client against %s', (mount, clientId) => {
  it('gets a token, reads a Patient, is refused after 301 s and recovers with a new token', async () => {
    const config = await configure(mount, clientId)
    const first = await client.clientCredentialsGrant(config)
    expect(first).toMatchObject({
      token_type: 'bearer',
      expires_in: 300,
      scope: 'fhir:development',
    })
    expect(first.refresh_token).toBeUndefined()

    const patient = await readPatient(config, mount, first.access_token)
    expect(patient.status).toBe(200)
    expect(patient.headers.get('content-type')).toBe('application/fhir+json; charset=utf-8')
    expect(await patient.json()).toMatchObject({ resourceType: 'Patient', id: PATIENT_ID })

    await advance(301)
    expect(await refusal(readPatient(config, mount, first.access_token))).toEqual({
      status: 401,
      challenge: { scheme: 'bearer', parameters: { error: 'invalid_token' } },
      body: { error: 'invalid_token', error_description: 'Authentication failed' },
    })

    const second = await client.clientCredentialsGrant(config)
    expect(second.access_token).not.toBe(first.access_token)
    expect((await readPatient(config, mount, second.access_token)).status).toBe(200)
  })
})

it('refuses the US token on the Canada host', async () => {
  const config = await configure('/redox', US_CLIENT)
  const { access_token } = await client.clientCredentialsGrant(config)
  expect((await refusal(readPatient(config, '/redox-ca', access_token))).status).toBe(401)
})

it('surfaces Redox’s error body as a ResponseBodyError', async () => {
  const config = await configure('/redox-ca', US_CLIENT)
  const error = await client.clientCredentialsGrant(config).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(client.ResponseBodyError)
  expect(error).toMatchObject({
    status: 400,
    error: 'invalid_request',
    error_description: 'Public key not found, check client_id, kid and Redox dashboard settings',
  })
})
