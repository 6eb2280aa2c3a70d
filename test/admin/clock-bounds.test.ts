import { describe, expect, it } from 'vitest'
import { createTestStandin } from '../../src/testing/index.js'

const START = '2026-03-01T08:00:00.000Z'

describe('clock bounds', () => {
  it.each([
    [{ advance: 1e308 }],
    [{ advance: -1e308 }],
    [{ advance: 8.64e12 }],
    [{ set: '9999-12-31T23:59:59Z', advance: 8.6e12 }],
  ])('refuses %j in the control envelope and leaves the clock alone', async (change) => {
    const t = await createTestStandin({ scenario: { clock: { start: START } } })
    const response = await t.request('/_standin/clock', {
      method: 'POST',
      body: JSON.stringify(change),
    })
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({
      error: {
        code: 'invalid_request',
        message:
          'Failed to move the clock: the result would be outside the dates JavaScript can hold (years -271821 to 275760).',
      },
    })
    expect(t.clock.snapshot()).toEqual({ now: START, frozen: true })
  })

  it('still moves far ahead within the range', async () => {
    const t = await createTestStandin({ scenario: { clock: { start: START } } })
    const response = await t.request('/_standin/clock', {
      method: 'POST',
      body: JSON.stringify({ set: '9999-12-31T23:59:59Z', advance: 8.6e12 / 2 }),
    })
    expect(await response.json()).toEqual({ now: '+146261-07-29T12:26:39.000Z', frozen: true })
  })
})
