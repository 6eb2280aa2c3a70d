import { describe, expect, it } from 'vitest'
import { createTestStandin, type TestStandin } from '../../../src/testing/index.js'
import { LEGACY_KEY, LEGACY_SECRET, bearer, options } from './support.js'

const SEND = {
  Meta: {
    DataModel: 'Scheduling',
    EventType: 'New',
    Destinations: [{ ID: 'af394f14-b34a-464f-8d24-895f370af4c9' }],
  },
}
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

function post(
  t: TestStandin,
  path: string,
  body: unknown,
  type = 'application/json',
  mount = '/redox',
) {
  return t.request(`${mount}${path}`, {
    method: 'POST',
    body: type.includes('json')
      ? JSON.stringify(body)
      : new URLSearchParams(body as Record<string, string>).toString(),
    headers: { 'content-type': type },
  })
}

function sendWith(t: TestStandin, token: string) {
  return t.request(
    '/redox/endpoint',
    bearer(token, {
      method: 'POST',
      body: JSON.stringify(SEND),
      headers: { 'content-type': 'application/json' },
    }),
  )
}

interface LegacyBody {
  accessToken: string
  expires: string
  refreshToken: string
}

describe('the legacy key flow', () => {
  it('authenticates with apiKey and secret and answers with a 24-hour token', async () => {
    const t = await createTestStandin(options)
    const response = await post(t, '/auth/authenticate', {
      apiKey: LEGACY_KEY,
      secret: LEGACY_SECRET,
    })
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 200,
      body: {
        accessToken: expect.stringMatching(UUID) as string,
        expires: '2026-01-16T09:00:00.000Z',
        refreshToken: expect.stringMatching(UUID) as string,
      },
    })
  })

  it('accepts a form-encoded body too', async () => {
    const t = await createTestStandin(options)
    const form = { apiKey: LEGACY_KEY, secret: LEGACY_SECRET }
    expect(
      (await post(t, '/auth/authenticate', form, 'application/x-www-form-urlencoded')).status,
    ).toBe(200)
  })

  it('works on the Data Model API until 24 hours pass, then refreshes', async () => {
    const t = await createTestStandin(options)
    const first = (await (
      await post(t, '/auth/authenticate', { apiKey: LEGACY_KEY, secret: LEGACY_SECRET })
    ).json()) as LegacyBody
    expect((await sendWith(t, first.accessToken)).status).toBe(200)
    t.clock.advance(86_400)
    expect((await sendWith(t, first.accessToken)).status).toBe(401)
    const refreshed = await post(t, '/auth/refreshToken', {
      apiKey: LEGACY_KEY,
      refreshToken: first.refreshToken,
    })
    const body = (await refreshed.json()) as LegacyBody
    expect(body).toEqual({
      accessToken: expect.stringMatching(UUID) as string,
      expires: '2026-01-17T09:00:00.000Z',
      refreshToken: first.refreshToken,
    })
    expect((await sendWith(t, body.accessToken)).status).toBe(200)
  })

  it.each([
    [
      'a wrong secret',
      '/auth/authenticate',
      { apiKey: LEGACY_KEY, secret: 'guess' },
      '/redox',
      /wrong secret/,
    ],
    [
      'an unknown apiKey',
      '/auth/authenticate',
      { apiKey: 'nobody', secret: LEGACY_SECRET },
      '/redox',
      /no legacy API key nobody/,
    ],
    [
      'the Canada host for a US key',
      '/auth/authenticate',
      { apiKey: LEGACY_KEY, secret: LEGACY_SECRET },
      '/redox-ca',
      /belongs to the US host/,
    ],
    [
      'an unknown refresh token',
      '/auth/refreshToken',
      { apiKey: LEGACY_KEY, refreshToken: 'nope' },
      '/redox',
      /not one issued/,
    ],
  ])('refuses %s with 401', async (_, path, body, mount, why) => {
    const t = await createTestStandin(options)
    const response = await post(t, path, body, 'application/json', mount)
    expect({
      status: response.status,
      challenge: response.headers.get('www-authenticate'),
      body: await response.json(),
    }).toEqual({
      status: 401,
      challenge: null,
      body: { error: 'invalid_token', error_description: 'Authentication failed' },
    })
    expect(t.journal.list(1)[0]?.why).toMatch(why)
  })
})
