import { describe, expect, it } from 'vitest'
import { createTestStandin } from '../../src/testing/index.js'
import { admin, callData, obtainToken, START } from '../support/echo-client.js'
import { ECHO_FORCED, echoProvider } from '../support/echo-provider.js'

const options = {
  providers: [echoProvider],
  scenario: { clock: { start: START }, providers: { echo: { ttlSeconds: 3600 } } },
}

describe('Standin-Force header', () => {
  it.each(Object.entries(ECHO_FORCED))(
    'forces %s for that request only, in the provider envelope',
    async (value, expected) => {
      const t = await createTestStandin(options)
      const token = await obtainToken(t)
      expect(await callData(t, token, { headers: { 'Standin-Force': value } })).toEqual(expected)
      expect(t.journal.list(1)[0]).toMatchObject({
        status: expected.status,
        outcome: 'forced',
        why: `${value} forced by Standin-Force header`,
      })
      expect(await callData(t, token)).toEqual({
        status: 200,
        body: { greeting: 'hello', subject: 'ana' },
      })
    },
  )

  it('sends Retry-After with a forced 429', async () => {
    const t = await createTestStandin(options)
    const response = await t.request('/echo/data', { headers: { 'standin-force': 'Rate-Limited' } })
    expect([response.status, response.headers.get('retry-after')]).toEqual([429, '60'])
  })

  it('forces an outcome even without a credential, and drops the connection on request', async () => {
    const t = await createTestStandin(options)
    expect(await callData(t, 'nope', { headers: { 'Standin-Force': 'expired' } })).toEqual({
      status: 401,
      body: { fault: 'token_expired', message: 'Token expired' },
    })
    const dropped = await t.request('/echo/token', {
      method: 'POST',
      headers: { 'Standin-Force': 'dropped' },
    })
    expect(dropped.type).toBe('error')
  })

  it('refuses an unknown value in the control-plane envelope and names the valid ones', async () => {
    const t = await createTestStandin(options)
    const token = await obtainToken(t)
    expect(await callData(t, token, { headers: { 'Standin-Force': 'exploded' } })).toEqual({
      status: 400,
      body: {
        error: {
          code: 'invalid_request',
          message:
            'Unknown Standin-Force value "exploded". Use one of: expired, revoked, rate-limited, server-error, bad-gateway, unavailable, gateway-timeout, dropped.',
        },
      },
    })
    expect(t.journal.list(1)[0]).toMatchObject({ status: 400, outcome: 'rejected' })
  })

  it('wins over a queued override and leaves it queued', async () => {
    const t = await createTestStandin(options)
    const token = await obtainToken(t)
    await admin(t, '/overrides', { body: { provider: 'echo', status: 503 } })
    expect((await callData(t, token, { headers: { 'Standin-Force': 'revoked' } })).status).toBe(401)
    expect((await callData(t, token)).status).toBe(503)
  })
})
