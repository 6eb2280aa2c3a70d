import { describe, expect, it } from 'vitest'
import { VirtualClock, type Clock } from '../../src/core/clock.js'
import { CredentialRegistry } from '../../src/core/credentials.js'
import type { ProviderId } from '../../src/core/glossary.js'
import { SeededRandom } from '../../src/core/random.js'

const still: Clock = { epochMs: () => 0, now: () => new Date(0), epochSeconds: () => 0 }

function registry(
  maxPerProvider?: number,
  clock = new VirtualClock(new Date('2026-01-01T00:00:00Z'), still),
) {
  return new CredentialRegistry(clock, new SeededRandom(1), undefined, { maxPerProvider })
}

const issue = (r: CredentialRegistry, provider: ProviderId, subject: string, secret: string) =>
  r.issue({ provider, kind: 'access_token', subject, secret, ttlSeconds: 300 })

describe('credential bounds', () => {
  it("drops a provider's oldest credential past its cap, and only that provider's", () => {
    const r = registry(3)
    issue(r, 'redcap', 'alice', 'redcap-1')
    for (let i = 1; i <= 5; i++) issue(r, 'redox', 'client', `redox-${String(i)}`)
    expect(r.size).toBe(4)
    expect(r.lookup('redox', 'redox-1')).toEqual({ found: false })
    expect(r.lookup('redox', 'redox-2')).toEqual({ found: false })
    for (const secret of ['redox-3', 'redox-4', 'redox-5'])
      expect(r.lookup('redox', secret)).toMatchObject({ found: true, status: 'active' })
    expect(r.lookup('redcap', 'redcap-1')).toMatchObject({ found: true })
  })

  it('keeps dropping the oldest live one at the cap while purges forget others out of order', () => {
    const clock = new VirtualClock(new Date('2026-01-01T00:00:00Z'), still)
    const cap = 700
    const r = registry(cap, clock)
    // The model: live secrets in issue order, each with its expiry in whole seconds.
    let live: { secret: string; diesAt: number }[] = []
    let now = 0
    for (let i = 0; i < 12_000; i++) {
      // Two in three live 1 s, the rest an hour: purges then forget from the middle of the order.
      const ttl = i % 3 === 0 ? 3600 : 1
      const secret = `s${String(i)}`
      r.issue({ provider: 'redox', kind: 'access_token', subject: 'c', secret, ttlSeconds: ttl })
      if (live.length === cap) live.shift()
      live.push({ secret, diesAt: now + ttl })
      if (i % 500 === 499) {
        clock.advance(2)
        now += 2
        r.purge(0)
        live = live.filter((c) => c.diesAt > now)
      }
    }
    expect(r.size).toBe(live.length)
    const listed = r.list((c) => c.provider === 'redox').map((c) => c.secretPrefix)
    expect(listed).toEqual(live.map((c) => c.secret.slice(0, 6)))
    expect(r.lookup('redox', live[0]?.secret ?? '')).toMatchObject({ found: true })
  })

  it("revokes what one holder holds at one provider, and nobody else's", () => {
    const r = registry()
    issue(r, 'epicollect', '7', 'a')
    issue(r, 'epicollect', '7', 'b')
    issue(r, 'epicollect', '8', 'c')
    issue(r, 'redox', '7', 'd')
    expect(r.revokeHeldBy('epicollect', '7', () => true, 'new token')).toBe(2)
    expect(r.lookup('epicollect', 'a')).toMatchObject({ status: 'revoked' })
    expect(r.lookup('epicollect', 'b')).toMatchObject({ status: 'revoked' })
    expect(r.lookup('epicollect', 'c')).toMatchObject({ status: 'active' })
    expect(r.lookup('redox', 'd')).toMatchObject({ status: 'active' })
    // Already revoked ones are not counted again; a holder with none revokes none.
    expect(r.revokeHeldBy('epicollect', '7', () => true, 'again')).toBe(0)
    expect(r.revokeHeldBy('epicollect', '9', () => true, 'none')).toBe(0)
  })

  it('forgets a dropped credential from the holder index too', () => {
    const r = registry(1)
    issue(r, 'epicollect', '7', 'a')
    issue(r, 'epicollect', '8', 'b')
    expect(r.revokeHeldBy('epicollect', '7', () => true, 'x')).toBe(0)
    expect(r.revokeHeldBy('epicollect', '8', () => true, 'x')).toBe(1)
  })

  it('pages through credentials in issue order with a cursor', () => {
    const r = registry()
    for (let i = 1; i <= 7; i++) issue(r, 'redox', 'c', `s${String(i)}`)
    const secrets: string[] = []
    const sizes: number[] = []
    let cursor: string | undefined
    for (;;) {
      const page = r.page(3, cursor)
      sizes.push(page.tokens.length)
      secrets.push(...page.tokens.map((t) => t.secretPrefix))
      if (page.next === null) break
      cursor = page.next
    }
    expect(sizes).toEqual([3, 3, 1])
    expect(secrets).toEqual(['s1', 's2', 's3', 's4', 's5', 's6', 's7'])
    expect(r.page(7)).toMatchObject({ next: null })
  })
})
