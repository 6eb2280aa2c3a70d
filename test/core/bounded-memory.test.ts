import { describe, expect, it } from 'vitest'
import { VirtualClock, type Clock } from '../../src/core/clock.js'
import {
  CREDENTIAL_HIGH_WATER,
  CredentialRegistry,
  DEAD_CREDENTIAL_GRACE_SECONDS,
  PURGE_EVERY_ISSUES,
} from '../../src/core/credentials.js'
import { Journal, MAX_JOURNAL_TEXT } from '../../src/core/journal.js'
import { SeededRandom } from '../../src/core/random.js'

const still: Clock = { epochMs: () => 0, now: () => new Date(0), epochSeconds: () => 0 }

function setup() {
  const clock = new VirtualClock(new Date('2026-01-01T00:00:00Z'), still)
  return { clock, registry: new CredentialRegistry(clock, new SeededRandom(1)) }
}

function issueMany(registry: CredentialRegistry, n: number, prefix: string, ttlSeconds = 300) {
  for (let i = 0; i < n; i++) {
    registry.issue({
      provider: 'redox',
      kind: 'access_token',
      subject: 'c',
      secret: `${prefix}-${String(i)}`,
      ttlSeconds,
    })
  }
}

describe('bounded memory', () => {
  it('forgets credentials dead for longer than the grace as more are issued', () => {
    const { clock, registry } = setup()
    issueMany(registry, 10, 'old')
    clock.advance(300 + DEAD_CREDENTIAL_GRACE_SECONDS + 1)
    issueMany(registry, PURGE_EVERY_ISSUES - 10, 'new')
    expect(registry.size).toBe(PURGE_EVERY_ISSUES - 10)
    expect(registry.lookup('redox', 'old-0')).toEqual({ found: false })
  })

  it('keeps a recently dead credential so a late call still hears it expired', () => {
    const { clock, registry } = setup()
    issueMany(registry, 10, 'old')
    clock.advance(301)
    issueMany(registry, PURGE_EVERY_ISSUES, 'new')
    expect(registry.lookup('redox', 'old-0')).toMatchObject({ found: true, status: 'expired' })
  })

  it('never forgets a live credential', () => {
    const { registry } = setup()
    issueMany(registry, PURGE_EVERY_ISSUES * 2, 'live')
    expect(registry.size).toBe(PURGE_EVERY_ISSUES * 2)
    expect(registry.lookup('redox', 'live-0')).toMatchObject({ found: true, status: 'active' })
  })

  it('drops the grace once it holds more than the high-water mark, so dead credentials cannot pile up', () => {
    const { clock, registry } = setup()
    issueMany(registry, CREDENTIAL_HIGH_WATER, 'old', 60)
    clock.advance(61)
    issueMany(registry, PURGE_EVERY_ISSUES, 'new', 60)
    expect(registry.size).toBeLessThanOrEqual(PURGE_EVERY_ISSUES)
    expect(registry.lookup('redox', 'old-0')).toEqual({ found: false })
  })

  it('keeps the registry bounded while 50,000 credentials are issued and expire', () => {
    const { clock, registry } = setup()
    let peak = 0
    for (let round = 0; round < 50; round++) {
      issueMany(registry, 1000, `r${String(round)}`, 300)
      clock.advance(301)
      peak = Math.max(peak, registry.size)
    }
    expect(peak).toBeLessThanOrEqual(CREDENTIAL_HIGH_WATER + PURGE_EVERY_ISSUES)
  })

  it('clips long paths and reasons in the journal', () => {
    const journal = new Journal(2)
    const entry = journal.add({
      at: '2026-01-01T00:00:00.000Z',
      provider: 'redox',
      method: 'GET',
      path: `/${'p'.repeat(10_000)}`,
      status: 404,
      outcome: 'rejected',
      why: 'w'.repeat(10_000),
      durationMs: 1,
    })
    expect(entry.path).toHaveLength(MAX_JOURNAL_TEXT)
    expect(entry.path.endsWith('…')).toBe(true)
    expect(entry.why).toHaveLength(MAX_JOURNAL_TEXT)
  })
})
