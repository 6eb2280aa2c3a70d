import { describe, expect, it } from 'vitest'
import { createTestStandin, type TestStandin } from '../../src/testing/index.js'
import { admin, callData, obtainToken, START, startPlus } from '../support/echo-client.js'
import { ECHO_FORCED, echoProvider, otherEchoProvider } from '../support/echo-provider.js'

function standin(events: unknown[], slept: number[] = []): Promise<TestStandin> {
  return createTestStandin({
    providers: [echoProvider, otherEchoProvider],
    scenario: {
      name: 'scripted',
      clock: { start: START },
      // Tokens outlive every test, so only scripted events end them.
      providers: { echo: { ttlSeconds: 3600 }, other: { ttlSeconds: 3600 } },
      events,
    },
    sleep: async (ms) => {
      slept.push(ms)
      await Promise.resolve()
    },
  })
}

const hello = (subject: string) => ({ status: 200, body: { greeting: 'hello', subject } })
const expired = { status: 401, body: { fault: 'token_expired', message: 'expired' } }
const revoked = { status: 401, body: { fault: 'token_revoked', message: 'revoked' } }

async function scriptedStatus(t: TestStandin): Promise<unknown> {
  return ((await admin(t, '/scenario')).body as { events: unknown[] }).events
}

describe('scripted events: triggers', () => {
  it('fires an `at` event when the control plane moves the clock onto it, not a second before', async () => {
    const t = await standin([
      { name: 'expiry', at: startPlus(60), do: { action: 'expire', provider: 'echo' } },
    ])
    const token = await obtainToken(t)
    await admin(t, '/clock', { body: { advance: 59 } })
    expect(await callData(t, token)).toEqual(hello('ana'))
    expect(t.world.scripted.status()[0]?.firedAt).toBeNull()
    await admin(t, '/clock', { body: { advance: 1 } })
    // Fired by the clock change itself: the registry shows it before any provider request.
    expect(t.world.credentials.list().map((c) => c.status)).toEqual(['expired'])
    expect(await callData(t, token)).toEqual(expired)
    expect(await callData(t, await obtainToken(t))).toEqual(hello('ana'))
    expect(await scriptedStatus(t)).toEqual([
      {
        index: 0,
        name: 'expiry',
        trigger: `at ${startPlus(60)}`,
        dueAt: startPlus(60),
        seen: null,
        firedAt: startPlus(60),
        results: ['expired 1 live echo credential'],
        errors: [],
      },
    ])
  })

  it('fires an `after` event on the first request once the virtual clock has passed it', async () => {
    const t = await standin([
      { after: 30, do: { action: 'revoke', provider: 'echo', subject: 'ana' } },
    ])
    const ana = await obtainToken(t, 'ana')
    const bob = await obtainToken(t, 'bob')
    t.clock.advance(29)
    expect(await callData(t, ana)).toEqual(hello('ana'))
    t.clock.advance(1)
    expect(t.world.scripted.status()[0]?.firedAt).toBeNull()
    expect(await callData(t, ana)).toEqual(revoked)
    expect(await callData(t, bob)).toEqual(hello('bob'))
    expect(t.world.scripted.status()[0]).toMatchObject({
      firedAt: startPlus(30),
      results: ['revoked 1 live echo credential of ana'],
    })
  })

  it('fires an `afterRequests` event right after the N-th matching request is answered', async () => {
    const t = await standin([
      {
        afterRequests: 3,
        match: { provider: 'echo', method: 'GET', path: '/da*', subject: 'ana' },
        do: { action: 'echo.setGreeting', greeting: 'bye' },
      },
    ])
    const ana = await obtainToken(t, 'ana')
    const bob = await obtainToken(t, 'bob')
    const other = await obtainToken(t, 'ana', '/other')
    expect(await callData(t, bob)).toEqual(hello('bob'))
    expect(await callData(t, other, { mount: '/other' })).toEqual(hello('ana'))
    for (let i = 0; i < 3; i++) expect(await callData(t, ana)).toEqual(hello('ana'))
    expect(await callData(t, ana)).toEqual({
      status: 200,
      body: { greeting: 'bye', subject: 'ana' },
    })
    expect(t.world.scripted.status()[0]).toMatchObject({
      trigger: 'after 3 requests (provider echo, method GET, path /da*, subject ana)',
      seen: 3,
      firedAt: START,
      results: ['greeting is now "bye"'],
    })
  })

  it('fires time events in the order of their due time, whatever their order in the file', async () => {
    const t = await standin([
      { at: startPlus(20), do: { action: 'echo.setGreeting', greeting: 'second' } },
      { after: 10, do: { action: 'echo.setGreeting', greeting: 'first' } },
    ])
    await admin(t, '/clock', { body: { advance: 25 } })
    expect(await callData(t, await obtainToken(t))).toEqual({
      status: 200,
      body: { greeting: 'second', subject: 'ana' },
    })
    expect(t.world.scripted.status().map((e) => e.results)).toEqual([
      ['greeting is now "second"'],
      ['greeting is now "first"'],
    ])
  })

  it('fires each event once, and again after a reset re-arms the scenario', async () => {
    const t = await standin([{ after: 10, do: { action: 'echo.setGreeting', greeting: 'bye' } }])
    await admin(t, '/clock', { body: { advance: 10 } })
    await admin(t, '/clock', { body: { advance: 10 } })
    expect(t.world.scripted.status()[0]?.results).toEqual(['greeting is now "bye"'])
    await admin(t, '/reset', { body: {} })
    expect(t.world.scripted.status()[0]?.firedAt).toBeNull()
    expect((await admin(t, '/state')).body).toMatchObject({
      providers: { echo: { greeting: 'hello' } },
    })
    await admin(t, '/clock', { body: { advance: 10 } })
    expect((await admin(t, '/state')).body).toMatchObject({
      providers: { echo: { greeting: 'bye' } },
    })
  })
})

describe('scripted events: actions', () => {
  /** Arms the faults right after the token request, so the token itself is never refused. */
  const afterToken = (action: object) => ({
    afterRequests: 1,
    match: { path: '/token' },
    do: action,
  })

  it.each([
    [{ action: 'fail', status: 500 }, ECHO_FORCED['server-error'], {}],
    [{ action: 'fail', status: 502 }, ECHO_FORCED['bad-gateway'], {}],
    [{ action: 'fail', status: 503 }, ECHO_FORCED.unavailable, {}],
    [{ action: 'fail', status: 504 }, ECHO_FORCED['gateway-timeout'], {}],
    [{ action: 'rateLimit', retryAfter: 30 }, ECHO_FORCED['rate-limited'], { 'retry-after': '30' }],
  ])(
    '%j answers exactly the next `times` requests in the provider envelope',
    async (action, expected, headers) => {
      const t = await standin([afterToken({ ...action, provider: 'echo', times: 2 })])
      const token = await obtainToken(t)
      for (let i = 0; i < 2; i++) {
        const response = await t.request('/echo/data', {
          headers: { authorization: `Bearer ${token}` },
        })
        expect({ status: response.status, body: await response.json() }).toEqual(expected)
        for (const [name, value] of Object.entries(headers))
          expect(response.headers.get(name)).toBe(value)
      }
      expect(await callData(t, token)).toEqual(hello('ana'))
      const [third, second] = t.journal.list(2)
      expect([second?.outcome, second?.status, third?.outcome]).toEqual([
        'forced',
        expected.status,
        'ok',
      ])
      expect(second?.why).toMatch(/forced by scripted event "events\[0\]", override #1 \(2 of 2\)$/)
    },
  )

  it('limits faults to one provider and a path pattern', async () => {
    const t = await standin([
      afterToken({ action: 'fail', status: 503, provider: 'other', path: '/data' }),
    ])
    const echo = await obtainToken(t)
    const other = await obtainToken(t, 'ana', '/other')
    expect(await callData(t, echo)).toEqual(hello('ana'))
    expect(await callData(t, other, { mount: '/other' })).toEqual(ECHO_FORCED.unavailable)
  })

  it('drops the connection of the next request without an answer', async () => {
    const t = await standin([afterToken({ action: 'drop' })])
    const token = await obtainToken(t)
    const response = await t.request('/echo/data', {
      headers: { authorization: `Bearer ${token}` },
    })
    expect([response.type, response.status]).toEqual(['error', 0])
    expect(t.journal.list(1)[0]).toMatchObject({
      status: 0,
      outcome: 'forced',
      why: 'connection dropped by scripted event "events[0]", override #1 (1 of 1)',
    })
    expect(await callData(t, token)).toEqual(hello('ana'))
  })

  it('delays the next requests by real time through the sleep port, then serves them', async () => {
    const slept: number[] = []
    const t = await standin([afterToken({ action: 'delay', ms: 1500, times: 2 })], slept)
    const token = await obtainToken(t)
    expect(await callData(t, token)).toEqual(hello('ana'))
    expect(await callData(t, token)).toEqual(hello('ana'))
    expect(await callData(t, token)).toEqual(hello('ana'))
    expect(slept).toEqual([1500, 1500])
    expect(t.journal.list(3).map((e) => [e.outcome, e.why])).toEqual([
      ['ok', undefined],
      ['ok', 'delayed 1500 ms by scripted event "events[0]", override #1 (2 of 2)'],
      ['ok', 'delayed 1500 ms by scripted event "events[0]", override #1 (1 of 2)'],
    ])
  })

  it('lists armed faults with the overrides until they are used up', async () => {
    const t = await standin([
      { name: 'storm', after: 0, do: { action: 'fail', status: 503, times: 3 } },
    ])
    expect((await admin(t, '/overrides')).body).toEqual({
      overrides: [
        {
          id: 1,
          provider: null,
          path: null,
          outcome: 'unavailable',
          delayMs: 0,
          retryAfter: null,
          match: null,
          respond: null,
          times: 3,
          remaining: 3,
          sticky: false,
          source: 'scripted event "storm"',
        },
      ],
    })
    expect(t.world.scripted.status()[0]?.results).toEqual([
      'queued override #1: force unavailable the next 3 requests to any provider',
    ])
  })

  it('runs an async provider action and records one that fails without failing the request', async () => {
    const t = await standin([
      {
        name: 'close',
        afterRequests: 1,
        match: { path: '/data' },
        do: [
          { action: 'echo.closeAccount', subject: 'zed' },
          { action: 'echo.closeAccount', subject: 'ana' },
        ],
      },
    ])
    const token = await obtainToken(t)
    expect(await callData(t, token)).toEqual(hello('ana'))
    expect(await callData(t, token)).toEqual(revoked)
    expect(t.world.scripted.status()[0]).toMatchObject({
      results: ['closed the account of ana'],
      errors: ['echo.closeAccount: no account "zed"'],
    })
  })

  it('announces each fired event on the event bus', async () => {
    const t = await standin([
      { name: 'bye', after: 5, do: { action: 'echo.setGreeting', greeting: 'bye' } },
    ])
    const seen: unknown[] = []
    t.world.events.on('scenario:event', (e) => seen.push(e))
    await admin(t, '/clock', { body: { advance: 5 } })
    expect(seen).toEqual([
      {
        index: 0,
        name: 'bye',
        trigger: `at ${startPlus(5)}`,
        dueAt: startPlus(5),
        seen: null,
        firedAt: startPlus(5),
        results: ['greeting is now "bye"'],
        errors: [],
      },
    ])
  })
})
