import { describe, expect, it } from 'vitest'
import { createTestStandin } from '../../src/testing/index.js'
import { echoProvider } from '../support/echo-provider.js'

const START = '2026-03-01T08:00:00.000Z'
const options = {
  providers: [echoProvider],
  scenario: { name: 'admin', clock: { start: START }, providers: { echo: {} } },
}

async function json(response: Response | Promise<Response>): Promise<unknown> {
  return (await response).json()
}

function post(path: string, body: unknown): [string, RequestInit] {
  return [
    `/_standin${path}`,
    { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } },
  ]
}

describe('control plane', () => {
  it('answers health with the version', async () => {
    const t = await createTestStandin({ ...options, version: '9.9.9' })
    expect(await json(t.request('/_standin/health'))).toEqual({ status: 'ok', version: '9.9.9' })
  })

  it('moves the virtual clock by exactly the advance', async () => {
    const t = await createTestStandin(options)
    expect(await json(t.request(...post('/clock', { advance: 301 })))).toEqual({
      now: '2026-03-01T08:05:01.000Z',
      frozen: true,
    })
    expect(await json(t.request('/_standin/clock'))).toEqual({
      now: '2026-03-01T08:05:01.000Z',
      frozen: true,
    })
  })

  it('sets and unfreezes the clock', async () => {
    const t = await createTestStandin(options)
    await t.request(...post('/clock', { set: '2027-01-01T00:00:00Z' }))
    const snapshot = (await json(t.request(...post('/clock', { freeze: false })))) as {
      now: string
      frozen: boolean
    }
    expect(snapshot.frozen).toBe(false)
    expect(snapshot.now.startsWith('2027-01-01T00:00:0')).toBe(true)
  })

  it('restores the start time on reset', async () => {
    const t = await createTestStandin(options)
    await t.request(...post('/clock', { advance: 7200 }))
    await t.request(...post('/reset', {}))
    expect(await json(t.request('/_standin/clock'))).toEqual({ now: START, frozen: true })
  })

  it.each([
    [
      { advance: 'soon' },
      'Invalid payload: advance: Invalid input: expected number, received string.',
    ],
    [{}, 'Invalid payload: (root): give one of "advance", "set" or "freeze".'],
    [{ set: 'tomorrow' }, 'Invalid payload: set: Invalid ISO datetime.'],
    [{ advance: 1, jump: 2 }, 'Invalid payload: (root): unknown key "jump".'],
  ])('refuses the clock payload %j with a readable message', async (body, message) => {
    const t = await createTestStandin(options)
    const response = await t.request(...post('/clock', body))
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({ error: { code: 'invalid_request', message } })
  })

  it('refuses a body that is not JSON', async () => {
    const t = await createTestStandin(options)
    const response = await t.request('/_standin/clock', { method: 'POST', body: '{"advance":' })
    expect(await response.json()).toEqual({
      error: {
        code: 'invalid_request',
        message: 'Failed to read the request body: it is not valid JSON.',
      },
    })
  })

  it('journals provider requests newest first with why they were refused', async () => {
    const t = await createTestStandin(options)
    await t.request('/echo/data', { headers: { authorization: 'Bearer nope' } })
    await t.request('/echo/nowhere')
    await t.request('/echo', { method: 'DELETE' })
    const body = (await json(t.request('/_standin/requests?limit=5'))) as {
      requests: { path: string; status: number; outcome: string; why: string }[]
    }
    expect(body.requests.map((r) => [r.path, r.status, r.outcome, r.why])).toEqual([
      ['/echo', 404, 'rejected', 'no Echo route DELETE /echo'],
      ['/echo/nowhere', 404, 'rejected', 'no Echo route GET /echo/nowhere'],
      ['/echo/data', 401, 'rejected', 'no such token'],
    ])
  })

  it('lists, expires and revokes tokens and 404s an unknown id', async () => {
    const t = await createTestStandin(options)
    await t.request('/echo/token', {
      method: 'POST',
      body: new URLSearchParams({ subject: 'ana' }),
    })
    const { tokens } = (await json(t.request('/_standin/tokens'))) as {
      tokens: { id: string; status: string }[]
    }
    const id = tokens[0]!.id
    expect(await json(t.request(...post(`/tokens/${id}/expire`, {})))).toMatchObject({
      id,
      status: 'expired',
    })
    expect(await json(t.request(...post(`/tokens/${id}/revoke`, {})))).toMatchObject({
      id,
      status: 'revoked',
    })
    const missing = await t.request(...post('/tokens/nope/expire', {}))
    expect(missing.status).toBe(404)
    expect(await missing.json()).toEqual({
      error: { code: 'not_found', message: 'No credential with id "nope".' },
    })
  })

  it('loads a scenario from the body and reports its problems by path', async () => {
    const t = await createTestStandin(options)
    const ok = await t.request(
      ...post('/scenario', { name: 'other', clock: { start: '2030-01-01T00:00:00Z' } }),
    )
    expect(await ok.json()).toMatchObject({ status: 'loaded', name: 'other' })
    const bad = await t.request(
      ...post('/scenario', { clock: { start: 'noon' }, providers: { nope: {} } }),
    )
    expect(bad.status).toBe(400)
    expect(await bad.json()).toEqual({
      error: {
        code: 'invalid_request',
        message:
          'Failed to load scenario "request body":\nrequest body: clock.start: Invalid ISO datetime\nrequest body: providers: unknown key "nope"',
      },
    })
  })

  it('answers unknown control routes in its own envelope', async () => {
    const t = await createTestStandin(options)
    const response = await t.request('/_standin/nothing')
    expect(response.status).toBe(404)
    expect(await response.json()).toEqual({
      error: { code: 'not_found', message: 'No control route GET /_standin/nothing.' },
    })
  })
})
