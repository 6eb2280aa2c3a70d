import { describe, expect, it } from 'vitest'
import { createTestStandin, type TestStandin } from '../../src/testing/index.js'
import { admin, callData, obtainToken, START } from '../support/echo-client.js'
import { ECHO_FORCED, echoProvider, otherEchoProvider } from '../support/echo-provider.js'

function standin(slept: number[] = []): Promise<TestStandin> {
  return createTestStandin({
    providers: [echoProvider, otherEchoProvider],
    scenario: {
      clock: { start: START },
      providers: { echo: { ttlSeconds: 3600 }, other: { ttlSeconds: 3600 } },
    },
    sleep: async (ms) => {
      slept.push(ms)
      await Promise.resolve()
    },
  })
}

const ok = (subject = 'ana') => ({ status: 200, body: { greeting: 'hello', subject } })
const unavailable = ECHO_FORCED.unavailable
const limited = ECHO_FORCED['rate-limited']

describe('overrides', () => {
  it('queues an override and answers with it', async () => {
    const t = await standin()
    expect(
      await admin(t, '/overrides', {
        body: { provider: 'echo', path: '/data', status: 503, times: 2 },
      }),
    ).toEqual({
      status: 201,
      body: {
        id: 1,
        provider: 'echo',
        path: '/data',
        outcome: 'unavailable',
        delayMs: 0,
        retryAfter: null,
        match: null,
        respond: null,
        times: 2,
        remaining: 2,
        sticky: false,
        source: 'control plane',
      },
    })
  })

  it('consumes overrides in the order they were queued, one shot per request', async () => {
    const t = await standin()
    const token = await obtainToken(t)
    await admin(t, '/overrides', { body: { provider: 'echo', outcome: 'unavailable', times: 2 } })
    await admin(t, '/overrides', {
      body: { provider: 'echo', outcome: 'rate-limited', retryAfter: 7 },
    })
    expect((await admin(t, '/overrides')).body).toMatchObject({
      overrides: [
        { id: 1, remaining: 2 },
        { id: 2, remaining: 1, retryAfter: 7 },
      ],
    })
    expect(await callData(t, token)).toEqual(unavailable)
    expect((await admin(t, '/overrides')).body).toMatchObject({
      overrides: [{ id: 1, remaining: 1 }, { id: 2 }],
    })
    expect(await callData(t, token)).toEqual(unavailable)
    const response = await t.request('/echo/data', {
      headers: { authorization: `Bearer ${token}` },
    })
    expect([response.status, await response.json(), response.headers.get('retry-after')]).toEqual([
      limited.status,
      limited.body,
      '7',
    ])
    expect(await callData(t, token)).toEqual(ok())
    expect((await admin(t, '/overrides')).body).toEqual({ overrides: [] })
  })

  it('keeps each provider to its own overrides and applies a path pattern', async () => {
    const t = await standin()
    const echo = await obtainToken(t)
    const other = await obtainToken(t, 'bob', '/other')
    await admin(t, '/overrides', { body: { provider: 'other', path: '/d*', outcome: 'expired' } })
    await admin(t, '/overrides', { body: { provider: 'echo', outcome: 'revoked' } })
    await t.request('/other/token', { method: 'POST', body: new URLSearchParams({ subject: 'x' }) })
    expect(await callData(t, other, { mount: '/other' })).toEqual({
      status: 401,
      body: { fault: 'token_expired', message: 'Token expired' },
    })
    expect(await callData(t, echo)).toEqual({
      status: 401,
      body: { fault: 'token_revoked', message: 'Token revoked' },
    })
    expect(await callData(t, echo)).toEqual(ok())
  })

  it('applies an override without a provider to whichever provider is called next', async () => {
    const t = await standin()
    const other = await obtainToken(t, 'bob', '/other')
    await admin(t, '/overrides', { body: { status: 502 } })
    expect(await callData(t, other, { mount: '/other' })).toEqual({
      status: 502,
      body: { fault: 'upstream_failed', message: 'Bad gateway' },
    })
  })

  it('adds latency before serving, or before a forced outcome', async () => {
    const slept: number[] = []
    const t = await standin(slept)
    const token = await obtainToken(t)
    await admin(t, '/overrides', { body: { delayMs: 250 } })
    await admin(t, '/overrides', { body: { delayMs: 900, outcome: 'server-error' } })
    expect(await callData(t, token)).toEqual(ok())
    expect(await callData(t, token)).toEqual({
      status: 500,
      body: { fault: 'internal', message: 'Internal error' },
    })
    expect(slept).toEqual([250, 900])
  })

  it('clears one override by id, or all of them', async () => {
    const t = await standin()
    await admin(t, '/overrides', { body: { status: 500 } })
    await admin(t, '/overrides', { body: { status: 503 } })
    await admin(t, '/overrides', { body: { status: 504 } })
    expect(await admin(t, '/overrides/2', { method: 'DELETE' })).toMatchObject({
      status: 200,
      body: { id: 2 },
    })
    expect(await admin(t, '/overrides/2', { method: 'DELETE' })).toEqual({
      status: 404,
      body: { error: { code: 'not_found', message: 'No queued override with id "2".' } },
    })
    expect(await admin(t, '/overrides', { method: 'DELETE' })).toEqual({
      status: 200,
      body: { cleared: 2 },
    })
    expect(await callData(t, await obtainToken(t))).toEqual(ok())
  })

  it('starts with an empty queue after a reset', async () => {
    const t = await standin()
    await admin(t, '/overrides', { body: { status: 500 } })
    await admin(t, '/reset', { body: {} })
    expect((await admin(t, '/overrides')).body).toEqual({ overrides: [] })
  })

  it.each([
    [{}, 'Invalid payload: (root): give "outcome", "status", "delayMs" or "respond".'],
    [{ status: 404 }, 'Invalid payload: status: Invalid option: expected one of 500|502|503|504.'],
    [
      { outcome: 'gone' },
      'Invalid payload: outcome: Invalid option: expected one of "expired"|"revoked"|"rate-limited"|"server-error"|"bad-gateway"|"unavailable"|"gateway-timeout"|"dropped".',
    ],
    [
      { outcome: 'expired', status: 500 },
      'Invalid payload: (root): give "outcome" or "status", not both.',
    ],
    [
      { provider: 'nope', status: 500 },
      'Invalid payload: provider: Invalid option: expected one of "echo"|"other".',
    ],
    [{ status: 500, times: 0 }, 'Invalid payload: times: Too small: expected number to be >=1.'],
    [{ status: 500, path: 'data' }, 'Invalid payload: path: Invalid string: must start with "/".'],
  ])('refuses the payload %j with a readable message', async (body, message) => {
    const t = await standin()
    expect(await admin(t, '/overrides', { body })).toEqual({
      status: 400,
      body: { error: { code: 'invalid_request', message } },
    })
  })
})
