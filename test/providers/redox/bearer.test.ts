import { describe, expect, it } from 'vitest'
import { createTestStandin, type TestStandin } from '../../../src/testing/index.js'
import {
  FHIR,
  LEGACY_KEY,
  LEGACY_SECRET,
  PATIENT_ID,
  admin,
  bearer,
  obtainToken,
  options,
  redoxScenario,
} from './support.js'

const AUTHENTICATION_FAILED = { error: 'invalid_token', error_description: 'Authentication failed' }
const PATIENT = `${FHIR}/Patient/${PATIENT_ID}`
const SEND = {
  Meta: {
    DataModel: 'PatientAdmin',
    EventType: 'NewPatient',
    Destinations: [{ ID: 'af394f14-b34a-464f-8d24-895f370af4c9', Name: 'Redox EMR' }],
  },
}

async function answer(response: Response) {
  return {
    status: response.status,
    challenge: response.headers.get('www-authenticate'),
    body: (await response.json()) as unknown,
  }
}

function sendDataModel(t: TestStandin, token: string, mount = '/redox') {
  return t.request(
    `${mount}/endpoint`,
    bearer(token, {
      method: 'POST',
      body: JSON.stringify(SEND),
      headers: { 'content-type': 'application/json' },
    }),
  )
}

async function legacyToken(t: TestStandin): Promise<string> {
  const response = await t.request('/redox/auth/authenticate', {
    method: 'POST',
    body: JSON.stringify({ apiKey: LEGACY_KEY, secret: LEGACY_SECRET }),
    headers: { 'content-type': 'application/json' },
  })
  return ((await response.json()) as { accessToken: string }).accessToken
}

const refusals: [string, (t: TestStandin) => Promise<Response>, RegExp][] = [
  ['no Authorization header', (t) => t.request(PATIENT), /no Authorization header/],
  [
    'a Basic header',
    (t) => t.request(PATIENT, { headers: { authorization: 'Basic dXNlcjpwYXNz' } }),
    /not "Bearer <token>"/,
  ],
  ['an unknown token', (t) => t.request(PATIENT, bearer('NotAStandinToken')), /never issued/],
  [
    'an expired token',
    async (t) => {
      const token = await obtainToken(t)
      t.clock.advance(300)
      return t.request(PATIENT, bearer(token))
    },
    /expired at 2026-01-15T09:05:00.000Z \(virtual time\)/,
  ],
  [
    'a revoked token',
    async (t) => {
      const token = await obtainToken(t)
      const id = t.world.credentials.list()[0]?.id ?? ''
      await admin(t, `/tokens/${id}/revoke`, {})
      return t.request(PATIENT, bearer(token))
    },
    /was revoked \(revoked by the control plane\)/,
  ],
  [
    'a token of a deleted API key',
    async (t) => {
      const token = await obtainToken(t)
      await admin(t, '/redox/api-keys/us-client-0001', undefined, 'DELETE')
      return t.request(PATIENT, bearer(token))
    },
    /was revoked \(API key deleted\)/,
  ],
  [
    'a Canada token on the US host',
    async (t) => t.request(PATIENT, bearer(await obtainToken(t, 'ca'))),
    /issued by the Canada host, this is the US host/,
  ],
  [
    'a legacy token on FHIR',
    async (t) => t.request(PATIENT, bearer(await legacyToken(t))),
    /legacy API key, which works on the Data Model API only/,
  ],
  [
    'an expired token on the Data Model API',
    async (t) => {
      const token = await obtainToken(t)
      t.clock.advance(301)
      return sendDataModel(t, token)
    },
    /expired/,
  ],
  [
    'a US token on the Canada Data Model API',
    async (t) => sendDataModel(t, await obtainToken(t), '/redox-ca'),
    /issued by the US host/,
  ],
]

describe('the Bearer check', () => {
  it.each(refusals)('answers %s with 401 and one body', async (_, call, why) => {
    const t = await createTestStandin(options)
    expect(await answer(await call(t))).toEqual({
      status: 401,
      challenge: 'Bearer error="invalid_token"',
      body: AUTHENTICATION_FAILED,
    })
    expect(t.journal.list(1)[0]).toMatchObject({
      status: 401,
      outcome: 'rejected',
      why: expect.stringMatching(why) as string,
    })
  })

  it('lets a token work until the last second of its 5 minutes', async () => {
    const t = await createTestStandin(options)
    const token = await obtainToken(t)
    t.clock.advance(299)
    expect((await t.request(PATIENT, bearer(token))).status).toBe(200)
  })

  it('answers 429 with Retry-After once a key passes its rate limit, then recovers', async () => {
    const t = await createTestStandin({
      scenario: redoxScenario({ rateLimit: { requests: 3, windowSeconds: 60 } }),
    })
    const token = await obtainToken(t)
    for (let i = 0; i < 3; i++) {
      expect((await t.request(PATIENT, bearer(token))).status).toBe(200)
      t.clock.advance(10)
    }
    const limited = await t.request(PATIENT, bearer(token))
    expect({ ...(await answer(limited)), retryAfter: limited.headers.get('retry-after') }).toEqual({
      status: 429,
      challenge: null,
      body: { error: 'rate_limited', error_description: 'Too many requests' },
      retryAfter: '30',
    })
    expect(t.journal.list(1)[0]?.why).toBe(
      'API key us-client-0001 made 3 requests within 60 s (virtual time)',
    )
    t.clock.advance(30)
    expect((await t.request(PATIENT, bearer(token))).status).toBe(200)
  })

  it('counts 7,500 requests per 5 minutes by default', async () => {
    const t = await createTestStandin(options)
    const token = await obtainToken(t)
    const statuses = new Map<number, number>()
    for (let i = 0; i < 7501; i++) {
      const status = (await t.request(PATIENT, bearer(token))).status
      statuses.set(status, (statuses.get(status) ?? 0) + 1)
    }
    expect(Object.fromEntries(statuses)).toEqual({ 200: 7500, 429: 1 })
  }, 60_000)

  it('does not limit when the server runs with rate limits off', async () => {
    const t = await createTestStandin({
      ...options,
      config: { rateLimits: false },
      scenario: redoxScenario({ rateLimit: { requests: 1, windowSeconds: 60 } }),
    })
    const token = await obtainToken(t)
    expect((await t.request(PATIENT, bearer(token))).status).toBe(200)
    expect((await t.request(PATIENT, bearer(token))).status).toBe(200)
  })

  it('answers a body over 10 MB with 413', async () => {
    const t = await createTestStandin(options)
    const token = await obtainToken(t)
    const big = JSON.stringify({ ...SEND, padding: 'x'.repeat(10 * 1024 * 1024) })
    const response = await t.request(
      '/redox/endpoint',
      bearer(token, {
        method: 'POST',
        body: big,
        headers: { 'content-type': 'application/json' },
      }),
    )
    expect(await answer(response)).toEqual({
      status: 413,
      challenge: null,
      body: { error: 'payload_too_large', error_description: 'Request entity too large' },
    })
  })
})
