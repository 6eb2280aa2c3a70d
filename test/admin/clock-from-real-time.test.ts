/**
 * A scenario without a fixed `clock` starts its virtual clock at the real time of each load and
 * reset, not of the server's start. The real clock here is a controlled one, moved hours on as a
 * long QA session would see it.
 */
import { decodeJwt } from 'jose'
import { describe, expect, it } from 'vitest'
import { SystemClock, VirtualClock } from '../../src/core/clock.js'
import { createTestStandin, type TestStandin } from '../../src/testing/index.js'

const SERVER_START = '2026-03-02T08:00:00.000Z'
const TWO_HOURS = 2 * 3600

async function virtualNow(t: TestStandin): Promise<string> {
  const clock = (await (await t.request('/_standin/clock')).json()) as { now: string }
  return clock.now
}

async function epicollectToken(t: TestStandin): Promise<{ iat: number; exp: number }> {
  const response = await t.request('/epicollect/api/oauth/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'client_credentials',
      client_id: 153,
      client_secret: 'XUA4Ys657g7TrJc1XIe4ske2Ho3IvAUQviGMA6aG',
    }),
  })
  expect(response.status).toBe(200)
  const { access_token } = (await response.json()) as { access_token: string }
  const claims = decodeJwt(access_token)
  return { iat: claims.iat ?? 0, exp: claims.exp ?? 0 }
}

async function standinUpForHours() {
  const realClock = new VirtualClock(new Date(SERVER_START), new SystemClock(), true)
  const t = await createTestStandin({ scenario: 'default', realClock })
  expect(await virtualNow(t)).toBe(SERVER_START)
  realClock.advance(TWO_HOURS)
  return { t, realNow: realClock.now().toISOString(), realSeconds: realClock.epochSeconds() }
}

describe('the virtual clock of a scenario without a fixed start', () => {
  it('starts from real time on reset, so fresh tokens are stamped with the present', async () => {
    const { t, realNow, realSeconds } = await standinUpForHours()
    expect((await t.request('/_standin/reset', { method: 'POST' })).status).toBe(200)
    expect(await virtualNow(t)).toBe(realNow)
    const token = await epicollectToken(t)
    expect(token.iat).toBe(realSeconds)
    expect(token.exp).toBe(realSeconds + TWO_HOURS)
  })

  it('starts from real time when a scenario is loaded', async () => {
    const { t, realNow } = await standinUpForHours()
    const loaded = await t.request('/_standin/scenario', {
      method: 'POST',
      body: JSON.stringify({ name: '503-storm' }),
    })
    expect(loaded.status).toBe(200)
    expect(await virtualNow(t)).toBe(realNow)
  })

  it('keeps a fixed start fixed, however long the server has run', async () => {
    const { t } = await standinUpForHours()
    const loaded = await t.request('/_standin/scenario', {
      method: 'POST',
      body: JSON.stringify({
        name: 'fixed',
        clock: { start: '2025-05-05T05:05:05Z' },
        providers: {},
      }),
    })
    expect(loaded.status).toBe(200)
    expect(await virtualNow(t)).toBe('2025-05-05T05:05:05.000Z')
  })
})
