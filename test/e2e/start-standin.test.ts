import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ControlError,
  startStandin,
  type ControlClient,
  type StartedStandin,
} from '../../src/testing/index.js'
import { echoProvider } from '../support/echo-provider.js'

const START = '2026-04-01T09:00:00.000Z'
let started: StartedStandin

beforeAll(async () => {
  started = await startStandin({
    providers: [echoProvider],
    scenario: { name: 'e2e', clock: { start: START }, providers: { echo: { greeting: 'hi' } } },
  })
})

afterAll(async () => {
  await started.close()
})

async function obtain(): Promise<string> {
  const response = await fetch(`${started.url}/echo/token`, {
    method: 'POST',
    body: new URLSearchParams({ subject: 'ana' }),
  })
  return ((await response.json()) as { token: string }).token
}

async function refusal(call: Promise<unknown>): Promise<unknown> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ControlError)
  const { code, status, message } = error as ControlError
  return { code, status, message }
}

describe('startStandin', () => {
  it('serves on a free loopback port with a base URL per provider', async () => {
    expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(started.baseUrls).toEqual({
      redcap: `${started.url}/redcap`,
      epicollect: `${started.url}/epicollect`,
      redox: `${started.url}/redox`,
      redoxCa: `${started.url}/redox-ca`,
    })
    expect(await started.control.health()).toEqual({
      status: 'ok',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/) as string,
    })
  })

  it('moves, sets, freezes and resets the virtual clock', async () => {
    const { clock } = started.control
    expect(await clock.get()).toEqual({ now: START, frozen: true })
    expect(await clock.advance(301)).toEqual({ now: '2026-04-01T09:05:01.000Z', frozen: true })
    expect(await clock.set(new Date('2027-01-01T00:00:00Z'))).toEqual({
      now: '2027-01-01T00:00:00.000Z',
      frozen: true,
    })
    expect((await clock.freeze(false)).frozen).toBe(false)
    expect(await started.control.reset()).toEqual({
      status: 'reset',
      clock: { now: START, frozen: true },
    })
  })

  it('lists, expires and revokes credentials and journals their use', async () => {
    const token = await obtain()
    const [issued] = await started.control.tokens.list()
    expect(issued).toMatchObject({ provider: 'echo', subject: 'ana', status: 'active' })
    expect(await started.control.tokens.expire(issued!.id)).toMatchObject({ status: 'expired' })
    expect(await started.control.tokens.revoke(issued!.id)).toMatchObject({ status: 'revoked' })
    await fetch(`${started.url}/echo/data`, { headers: { authorization: `Bearer ${token}` } })
    expect(await started.control.requests({ limit: 1 })).toEqual([
      expect.objectContaining({ path: '/echo/data', status: 401, outcome: 'rejected' }),
    ])
    await started.control.reset()
  })

  it('loads a scenario given as data and shows it in the state', async () => {
    expect(
      await started.control.loadScenario({
        name: 'other',
        providers: { echo: { greeting: 'yo' } },
      }),
    ).toMatchObject({ status: 'loaded', name: 'other' })
    expect(await started.control.state()).toMatchObject({
      scenario: 'other',
      providers: { echo: { greeting: 'yo' } },
    })
    expect(
      await started.control.loadScenario({ name: 'e2e', clock: { start: START } }),
    ).toMatchObject({ name: 'e2e' })
  })

  it('throws the control envelope as a typed error', async () => {
    expect(await refusal(started.control.tokens.expire('nope'))).toEqual({
      code: 'not_found',
      status: 404,
      message: 'No credential with id "nope".',
    })
    expect(await refusal(started.control.loadScenario('no-such-scenario'))).toMatchObject({
      code: 'not_found',
      status: 404,
    })
  })

  // With no such provider registered, the control plane names the exact route it was asked for.
  const routes: Record<string, (c: ControlClient) => Promise<unknown>> = {
    'POST /_standin/redcap/projects/12/token-requests': (c) => c.redcap.requestToken(12, 'ana'),
    'POST /_standin/redcap/token-requests/r1/approve': (c) => c.redcap.approve('r1'),
    'POST /_standin/redcap/token-requests/r1/reject': (c) => c.redcap.reject('r1'),
    'POST /_standin/redcap/projects/12/users/ana/token/regenerate': (c) =>
      c.redcap.regenerate(12, 'ana'),
    'DELETE /_standin/redcap/projects/12/users/ana/token': (c) => c.redcap.deleteToken(12, 'ana'),
    'POST /_standin/redcap/super-tokens': (c) => c.redcap.createSuperToken('ana'),
    'POST /_standin/epicollect/projects/ec5-demo/app': (c) =>
      c.epicollect.createApp('ec5-demo', 'A'),
    'POST /_standin/epicollect/projects/ec5-demo/app/revoke': (c) =>
      c.epicollect.revokeApp('ec5-demo'),
    'DELETE /_standin/epicollect/projects/ec5-demo/app': (c) => c.epicollect.deleteApp('ec5-demo'),
    'POST /_standin/redox/api-keys': (c) => c.redox.createApiKey({ name: 'k' }),
    'DELETE /_standin/redox/api-keys/abc': (c) => c.redox.deleteApiKey('abc'),
    'GET /_standin/redox/api-keys/abc/postman': (c) => c.redox.postman('abc'),
  }
  it.each(Object.entries(routes))('calls %s', async (route, call) => {
    expect(await refusal(call(started.control))).toEqual({
      code: 'not_found',
      status: 404,
      message: `No control route ${route}.`,
    })
  })

  it('stops answering once closed', async () => {
    const other = await startStandin()
    expect((await other.control.health()).status).toBe('ok')
    await other.close()
    await expect(other.control.health()).rejects.toThrow(TypeError)
  })
})
