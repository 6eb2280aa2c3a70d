import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStandin, type StartedStandin } from '../../src/testing/index.js'
import { rawRequest } from '../support/raw-http.js'

let s: StartedStandin
let port: string

beforeAll(async () => {
  s = await startStandin({ config: { allowedHosts: ['standin.test'] } })
  port = new URL(s.url).port
})
afterAll(() => s.close())

const clockNow = async () => (await s.control.clock.get()).now

function lastJournalEntry() {
  return s.standin.world.journal.list(1)[0]
}

describe('the control-plane guard over real HTTP', () => {
  it.each([
    ['a rebinding name', 'attacker.example'],
    ['a rebinding name with the port', 'attacker.example:4010'],
    ['a name that ends like localhost', 'localhost.attacker.example'],
    ['an address standin does not listen on', '192.0.2.1'],
  ])('refuses a Host that is %s with 403 in the control envelope', async (_name, host) => {
    const before = await clockNow()
    const answer = await rawRequest(s.url, '/_standin/clock', {
      method: 'POST',
      headers: { host, 'content-type': 'text/plain' },
      body: '{"advance":86400}',
    })
    expect(answer.status).toBe(403)
    expect(answer.json()).toEqual({
      error: {
        code: 'forbidden',
        message: `Refused: the Host "${host}" is not one standin answers to: use 127.0.0.1 or localhost, or allow it with --allowed-host, STANDIN_ALLOWED_HOSTS or "allowedHosts" in the config file.`,
      },
    })
    expect(await clockNow()).toBe(before)
    expect(lastJournalEntry()).toMatchObject({
      provider: 'standin',
      method: 'POST',
      path: '/_standin/clock',
      status: 403,
      outcome: 'rejected',
      why: expect.stringContaining(`the Host "${host}"`) as string,
    })
  })

  it.each([
    ['localhost', () => `localhost:${port}`],
    ['LOCALHOST without a port', () => 'LOCALHOST'],
    ['another 127/8 address', () => `127.1.2.3:${port}`],
    ['IPv6 loopback', () => `[::1]:${port}`],
    ['a host the config allows', () => `standin.test:${port}`],
  ])('answers a Host that is %s', async (_name, host) => {
    const answer = await rawRequest(s.url, '/_standin/state', { headers: { host: host() } })
    expect(answer.status).toBe(200)
  })

  it.each([
    ['another site', 'https://attacker.example'],
    ['an opaque origin', 'null'],
    ['another loopback port', 'http://127.0.0.1:1'],
    ['the same host over https', () => `https://127.0.0.1:${port}`],
  ])('refuses an Origin from %s, no-cors text/plain POST included', async (_name, origin) => {
    const from = typeof origin === 'string' ? origin : origin()
    const before = await clockNow()
    const answer = await rawRequest(s.url, '/_standin/clock', {
      method: 'POST',
      headers: { origin: from, 'content-type': 'text/plain;charset=UTF-8' },
      body: '{"advance":86400}',
    })
    expect(answer.status).toBe(403)
    expect((answer.json() as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'forbidden',
      message: expect.stringMatching(
        /^Refused: a web page at .* may not use standin's control plane/,
      ) as string,
    })
    expect(await clockNow()).toBe(before)
    expect(lastJournalEntry()?.why).toContain('may not use standin')
  })

  it("answers its own origin (the dashboard's calls) and a POST with no Origin (curl -d)", async () => {
    const own = await rawRequest(s.url, '/_standin/clock', {
      method: 'POST',
      headers: { origin: `http://127.0.0.1:${port}`, 'content-type': 'application/json' },
      body: '{"advance":1}',
    })
    expect(own.status).toBe(200)
    const curl = await rawRequest(s.url, '/_standin/clock', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '{"advance":1}',
    })
    expect(curl.status).toBe(200)
  })

  it('guards the dashboard, its event stream and the sessions, at the root and in a session', async () => {
    const session = await s.control.sessions.create()
    const prefix = new URL(session.baseUrl).pathname
    for (const path of [
      '/_standin/ui/',
      '/_standin/events',
      '/_standin/sessions',
      `${prefix}/_standin/ui/`,
      `${prefix}/_standin/events`,
      `${prefix}/_standin/clock`,
    ]) {
      const rebound = await rawRequest(s.url, path, { headers: { host: 'attacker.example' } })
      expect([path, rebound.status]).toEqual([path, 403])
      const crossSite = await rawRequest(s.url, path, {
        method: 'POST',
        headers: { origin: 'https://attacker.example' },
        body: '{}',
      })
      expect([path, crossSite.status]).toEqual([path, 403])
    }
  })

  it("checks provider routes' Host in the provider's envelope, but not their Origin (real CORS)", async () => {
    const rebound = await rawRequest(s.url, '/redcap/api/', {
      method: 'POST',
      headers: { host: 'attacker.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'content=version',
    })
    expect(rebound.status).toBe(403)
    expect(rebound.text).not.toContain('"code":"forbidden"')
    expect(lastJournalEntry()).toMatchObject({
      provider: 'redcap',
      status: 403,
      why: expect.stringContaining('the Host "attacker.example"') as string,
    })
    const preflight = await rawRequest(s.url, '/epicollect/api/oauth/token', {
      method: 'OPTIONS',
      headers: { origin: 'https://attacker.example', 'access-control-request-method': 'POST' },
    })
    expect(preflight.status).toBe(200)
    expect(preflight.headers['access-control-allow-origin']).toBe('*')
  })
})
