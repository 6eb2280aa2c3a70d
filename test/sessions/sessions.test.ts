import { describe, expect, it } from 'vitest'
import { SystemClock, VirtualClock } from '../../src/core/clock.js'
import { providers as registry } from '../../src/providers/index.js'
import type { AnyProvider } from '../../src/providers/provider.js'
import { createTestStandin, type TestStandin } from '../../src/testing/index.js'
import { echoProvider } from '../support/echo-provider.js'
import { mirrorProvider, type Mirrored } from '../support/mirror-provider.js'

const REAL_START = '2026-02-01T12:00:00.000Z'
const TEST_PROVIDERS: readonly AnyProvider[] = [echoProvider, mirrorProvider]
const ROOT = { name: 'root', clock: { start: '2026-01-01T00:00:00Z' }, providers: {} }

async function standin(config: { sessionIdleSeconds?: number } = {}, providers = TEST_PROVIDERS) {
  const realClock = new VirtualClock(new Date(REAL_START), new SystemClock(), true)
  const t = await createTestStandin({
    providers,
    scenario: ROOT,
    config,
    realClock,
  })
  return { t, realClock }
}

async function send(t: TestStandin, method: string, path: string, body?: unknown) {
  const response = await t.request(path, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  return { status: response.status, body: (await response.json()) as unknown }
}

async function createSession(t: TestStandin, body: unknown = {}) {
  const created = await send(t, 'POST', '/_standin/sessions', body)
  expect(created.status).toBe(201)
  return created.body as { id: string; baseUrl: string }
}

async function token(t: TestStandin, base: string): Promise<string> {
  const form = new URLSearchParams({ subject: 'ana' })
  const response = await t.request(`${base}/echo/token`, { method: 'POST', body: form })
  return ((await response.json()) as { token: string }).token
}

describe('isolated sessions', () => {
  it('creates a session at its own base URL and lists it with real-clock times', async () => {
    const { t } = await standin()
    const session = await createSession(t)
    expect(session).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{32}$/) as string,
      baseUrl: `http://localhost/_sessions/${session.id}`,
    })
    expect(await send(t, 'GET', '/_standin/sessions')).toEqual({
      status: 200,
      body: {
        sessions: [
          {
            ...session,
            scenario: 'root',
            createdAt: REAL_START,
            lastUsedAt: REAL_START,
            expiresAt: '2026-02-01T12:30:00.000Z',
          },
        ],
      },
    })
  })

  it('serves providers under the prefix and echoes the prefix in their base URLs', async () => {
    const { t } = await standin()
    const { baseUrl } = await createSession(t)
    const seen = (await send(t, 'GET', `${baseUrl}/redox-ca/v2/auth/token`)).body as Mirrored
    expect({ path: seen.path, base: seen.base }).toEqual({
      path: '/redox-ca/v2/auth/token',
      base: `${baseUrl}/redox-ca`,
    })
    expect(await send(t, 'GET', `${baseUrl}/_standin/requests?limit=1`)).toMatchObject({
      body: { total: 1, requests: [{ provider: 'mirror', path: '/redox-ca/v2/auth/token' }] },
    })
  })

  it('starts from a named scenario, or the root one, and resets to its own', async () => {
    const { t } = await standin({}, registry)
    const named = await createSession(t, { scenario: 'default' })
    const inherited = await createSession(t)
    await send(t, 'POST', `${inherited.baseUrl}/_standin/clock`, { advance: 3600 })
    await send(t, 'POST', `${inherited.baseUrl}/_standin/reset`)
    expect((await send(t, 'GET', `${named.baseUrl}/_standin/state`)).body).toMatchObject({
      scenario: 'default',
    })
    expect((await send(t, 'GET', `${inherited.baseUrl}/_standin/state`)).body).toMatchObject({
      scenario: 'root',
      clock: { now: '2026-01-01T00:00:00.000Z', frozen: true },
    })
  })

  it('seeds each session apart, unless the request names a seed', async () => {
    const { t } = await standin()
    const [a, b, c, d] = await Promise.all([
      createSession(t),
      createSession(t),
      createSession(t, { seed: 7 }),
      createSession(t, { seed: 7 }),
    ])
    expect(await token(t, a.baseUrl)).not.toBe(await token(t, b.baseUrl))
    expect(await token(t, c.baseUrl)).toBe(await token(t, d.baseUrl))
  })

  it('ends a session on DELETE, after which its URLs answer 404', async () => {
    const { t } = await standin()
    const { id, baseUrl } = await createSession(t)
    expect(await send(t, 'DELETE', `/_standin/sessions/${id}`)).toEqual({
      status: 200,
      body: { id, status: 'deleted' },
    })
    expect(await send(t, 'GET', `${baseUrl}/_standin/clock`)).toEqual({
      status: 404,
      body: {
        error: {
          code: 'not_found',
          message: `No session "${id}": it was never created, was deleted, or ended after 1800 s unused.`,
        },
      },
    })
    expect(await send(t, 'DELETE', `/_standin/sessions/${id}`)).toEqual({
      status: 404,
      body: { error: { code: 'not_found', message: `No session "${id}".` } },
    })
  })

  it('ends a session left unused for the idle time, measured on the real clock', async () => {
    const { t, realClock } = await standin({ sessionIdleSeconds: 60 })
    const kept = await createSession(t)
    const idle = await createSession(t)
    realClock.advance(59)
    expect((await send(t, 'GET', `${kept.baseUrl}/_standin/clock`)).status).toBe(200)
    realClock.advance(1)
    expect((await send(t, 'GET', `${idle.baseUrl}/_standin/clock`)).status).toBe(404)
    expect((await send(t, 'GET', `${kept.baseUrl}/_standin/clock`)).status).toBe(200)
    realClock.advance(60)
    expect(await send(t, 'GET', '/_standin/sessions')).toEqual({
      status: 200,
      body: { sessions: [] },
    })
  })

  it.each([
    [{ seed: 1.5 }, 400, 'invalid_request', 'Invalid payload: seed: '],
    [{ colour: 'blue' }, 400, 'invalid_request', 'Invalid payload: '],
    [{ scenario: 'no-such-scenario' }, 404, 'not_found', 'Scenario "no-such-scenario" was not'],
    [{ scenario: { clock: { start: 'soon' } } }, 400, 'invalid_request', 'Failed to load scenario'],
  ])('refuses the session request %j', async (body, status, code, message) => {
    const { t } = await standin()
    const refused = await send(t, 'POST', '/_standin/sessions', body)
    expect(refused).toEqual({
      status,
      body: { error: { code, message: expect.stringContaining(message) as string } },
    })
    expect((await send(t, 'GET', '/_standin/sessions')).body).toEqual({ sessions: [] })
  })

  it('demands the admin token, when one is set, on session routes and inside sessions', async () => {
    const token = 'admin-token-for-sessions-0123456'
    const t = await createTestStandin({
      providers: TEST_PROVIDERS,
      scenario: ROOT,
      adminToken: token,
    })
    const refused = async (path: string, init: RequestInit = {}) =>
      (await t.request(path, init)).status
    expect(await refused('/_standin/sessions', { method: 'POST' })).toBe(401)
    expect(await refused('/_standin/sessions')).toBe(401)
    const created = await t.request('/_standin/sessions', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    })
    const { baseUrl } = (await created.json()) as { baseUrl: string }
    expect(created.status).toBe(201)
    expect(await refused(`${baseUrl}/_standin/clock`)).toBe(401)
    const clock = await t.request(`${baseUrl}/_standin/clock`, {
      headers: { 'standin-admin-token': token },
    })
    expect(clock.status).toBe(200)
  })

  it('does not nest sessions', async () => {
    const { t } = await standin()
    const { baseUrl } = await createSession(t)
    expect(await send(t, 'POST', `${baseUrl}/_standin/sessions`, {})).toEqual({
      status: 404,
      body: { error: { code: 'not_found', message: 'No control route POST /_standin/sessions.' } },
    })
  })
})
