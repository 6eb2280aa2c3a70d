import { describe, expect, it } from 'vitest'
import { createTestStandin } from '../../src/testing/index.js'

const START = '2026-03-01T08:00:00.000Z'

describe('clock bounds', () => {
  it.each([
    [{ advance: 1e308 }],
    [{ advance: -1e308 }],
    [{ advance: 8.64e12 }],
    [{ set: '9999-12-31T23:59:59Z', advance: 8.6e12 }],
    [{ set: '9999-12-31T23:59:59Z', advance: 1 }],
    [{ advance: -(2026 * 366 * 86_400) }],
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
        message: 'Failed to move the clock: the result would be outside years 0000 to 9999.',
      },
    })
    expect(t.clock.snapshot()).toEqual({ now: START, frozen: true })
  })

  it('still moves to the last second of year 9999', async () => {
    const t = await createTestStandin({ scenario: { clock: { start: START } } })
    const response = await t.request('/_standin/clock', {
      method: 'POST',
      body: JSON.stringify({ set: '9999-12-31T23:59:58Z', advance: 1 }),
    })
    expect(await response.json()).toEqual({ now: '9999-12-31T23:59:59.000Z', frozen: true })
  })
})
