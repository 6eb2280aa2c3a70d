import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import type { AnyProvider } from '../../src/providers/provider.js'
import { createTestStandin } from '../../src/testing/index.js'
import { echoProvider } from '../support/echo-provider.js'

const TOKEN = 'admin-token-for-tests-0123456789'

/** The echo provider with one control route, to show provider control routes are guarded too. */
const guarded: AnyProvider = {
  ...echoProvider,
  adminRoutes: () => {
    const app = new Hono()
    app.get('/greeting', (c) => c.json({ greeting: 'hello' }))
    return app
  },
}

const standin = () =>
  createTestStandin({
    providers: [guarded],
    adminToken: TOKEN,
    version: '9.9.9',
    scenario: { providers: {} },
  })

const REFUSED = {
  error: {
    code: 'invalid_credentials',
    message:
      'The control plane needs the admin token: send "Authorization: Bearer <token>" or "Standin-Admin-Token: <token>".',
  },
}

describe('admin token', () => {
  it.each([
    ['no credentials', {}],
    ['a wrong bearer token', { authorization: 'Bearer not-the-token' }],
    ['the token as Basic', { authorization: `Basic ${TOKEN}` }],
    ['a wrong header token', { 'standin-admin-token': `${TOKEN}x` }],
    ['a prefix of the token', { 'standin-admin-token': TOKEN.slice(0, 10) }],
  ])('refuses a control route with %s in the control envelope', async (_name, headers) => {
    const t = await standin()
    const response = await t.request('/_standin/clock', { headers })
    expect(response.status).toBe(401)
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="standin"')
    expect(await response.json()).toEqual(REFUSED)
  })

  it.each([
    ['a bearer token', { authorization: `Bearer ${TOKEN}` }],
    ['the Standin-Admin-Token header', { 'standin-admin-token': TOKEN }],
  ])('answers a control route given %s', async (_name, headers) => {
    const t = await standin()
    const response = await t.request('/_standin/health', { headers })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'ok', version: '9.9.9' })
  })

  it('leaves GET /_standin/health open for health checks, and only GET', async () => {
    const t = await standin()
    const response = await t.request('/_standin/health')
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'ok', version: '9.9.9' })
    expect((await t.request('/_standin/health', { method: 'POST' })).status).toBe(401)
  })

  it('guards the control routes a provider adds', async () => {
    const t = await standin()
    expect((await t.request('/_standin/echo/greeting')).status).toBe(401)
    const allowed = await t.request('/_standin/echo/greeting', {
      headers: { authorization: `Bearer ${TOKEN}` },
    })
    expect(await allowed.json()).toEqual({ greeting: 'hello' })
  })

  it('guards unknown control paths the same way, so they reveal nothing', async () => {
    const t = await standin()
    const response = await t.request('/_standin/nowhere', { method: 'POST' })
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual(REFUSED)
  })

  it('leaves provider routes to their own credentials', async () => {
    const t = await standin()
    const response = await t.request('/echo/token', {
      method: 'POST',
      body: new URLSearchParams({ subject: 'ana' }),
    })
    expect(response.status).toBe(200)
  })

  it('leaves the control plane open when no token is set', async () => {
    const t = await createTestStandin({ providers: [guarded], scenario: { providers: {} } })
    expect((await t.request('/_standin/health')).status).toBe(200)
  })
})
