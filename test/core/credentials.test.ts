import { describe, expect, it } from 'vitest'
import { VirtualClock, type Clock } from '../../src/core/clock.js'
import { CredentialRegistry } from '../../src/core/credentials.js'
import { SeededRandom } from '../../src/core/random.js'

const still: Clock = { epochMs: () => 0, now: () => new Date(0), epochSeconds: () => 0 }

function setup() {
  const clock = new VirtualClock(new Date('2026-01-01T00:00:00Z'), still)
  return { clock, registry: new CredentialRegistry(clock, new SeededRandom(1)) }
}

describe('CredentialRegistry', () => {
  it('finds a credential by secret only within its provider', () => {
    const { registry } = setup()
    registry.issue({
      provider: 'redox',
      kind: 'access_token',
      subject: 'c1',
      secret: 's3cret-value',
    })
    expect(registry.lookup('redox', 's3cret-value')).toMatchObject({
      found: true,
      status: 'active',
    })
    expect(registry.lookup('epicollect', 's3cret-value')).toEqual({ found: false })
  })

  it('expires a credential when the virtual clock passes its lifetime', () => {
    const { clock, registry } = setup()
    registry.issue({
      provider: 'redox',
      kind: 'access_token',
      subject: 'c1',
      secret: 'abc',
      ttlSeconds: 300,
    })
    clock.advance(299)
    expect(registry.lookup('redox', 'abc')).toMatchObject({ status: 'active' })
    clock.advance(1)
    expect(registry.lookup('redox', 'abc')).toMatchObject({ status: 'expired' })
  })

  it('expires and revokes on demand and never shows the secret', () => {
    const { registry } = setup()
    const a = registry.issue({
      provider: 'redcap',
      kind: 'api_token',
      subject: 'ana',
      secret: 'AAAAAAAAAAAA',
    })
    const b = registry.issue({
      provider: 'redcap',
      kind: 'api_token',
      subject: 'bo',
      secret: 'BBBBBBBBBBBB',
    })
    expect(registry.expire(a.id)?.status).toBe('expired')
    expect(registry.revoke(b.id, 'regenerated')).toMatchObject({
      status: 'revoked',
      revokedReason: 'regenerated',
    })
    expect(JSON.stringify(registry.list())).not.toContain('AAAAAAAAAAAA')
    expect(registry.list().map((c) => c.secretPrefix)).toEqual(['AAAAAA', 'BBBBBB'])
  })

  it('purges credentials dead for longer than the grace period', () => {
    const { clock, registry } = setup()
    registry.issue({
      provider: 'redox',
      kind: 'access_token',
      subject: 'c',
      secret: 'x',
      ttlSeconds: 10,
    })
    registry.issue({ provider: 'redox', kind: 'access_token', subject: 'c', secret: 'y' })
    clock.advance(100)
    expect(registry.purge(60)).toBe(1)
    expect(registry.size).toBe(1)
    expect(registry.lookup('redox', 'x')).toEqual({ found: false })
  })
})
