import { describe, expect, it } from 'vitest'
import { VirtualClock, type Clock } from '../../src/core/clock.js'

/** A real clock the test moves by hand, to see the virtual one follow it. */
function manualClock(start: number) {
  let ms = start
  const clock: Clock = {
    epochMs: () => ms,
    now: () => new Date(ms),
    epochSeconds: () => Math.floor(ms / 1000),
  }
  return { clock, tick: (by: number) => (ms += by) }
}

describe('VirtualClock', () => {
  it('starts at the given instant and runs with real time', () => {
    const real = manualClock(1_000_000)
    const clock = new VirtualClock(new Date('2026-01-01T00:00:00Z'), real.clock)
    real.tick(1500)
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:01.500Z')
  })

  it('advances by whole seconds at once', () => {
    const clock = new VirtualClock(new Date('2026-01-01T00:00:00Z'), manualClock(0).clock)
    clock.advance(301)
    expect(clock.epochSeconds()).toBe(Date.UTC(2026, 0, 1) / 1000 + 301)
  })

  it('holds still while frozen and resumes from where it stood', () => {
    const real = manualClock(0)
    const clock = new VirtualClock(new Date('2026-01-01T00:00:00Z'), real.clock)
    clock.freeze(true)
    real.tick(60_000)
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:00.000Z')
    clock.advance(5)
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:05.000Z')
    clock.freeze(false)
    real.tick(1000)
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:06.000Z')
  })

  it('jumps to a set instant', () => {
    const clock = new VirtualClock(new Date('2026-01-01T00:00:00Z'), manualClock(0).clock)
    clock.set(new Date('2030-05-05T05:05:05Z'))
    expect(clock.snapshot()).toEqual({ now: '2030-05-05T05:05:05.000Z', frozen: false })
  })
})
