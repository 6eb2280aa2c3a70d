import { describe, expect, it } from 'vitest'
import { SeededRandom } from '../../src/core/random.js'

describe('SeededRandom', () => {
  it('replays the same sequence for the same seed', () => {
    const a = new SeededRandom(42)
    const b = new SeededRandom(42)
    expect([a.hex(32), a.uuid(), a.alphanumeric(40)]).toEqual([
      b.hex(32),
      b.uuid(),
      b.alphanumeric(40),
    ])
  })

  it('gives different sequences for different seeds', () => {
    expect(new SeededRandom(1).hex(32)).not.toBe(new SeededRandom(2).hex(32))
  })

  it.each([
    ['hex', (r: SeededRandom) => r.hex(64), /^[0-9a-f]{64}$/],
    ['alphanumeric', (r: SeededRandom) => r.alphanumeric(40), /^[A-Za-z0-9]{40}$/],
    [
      'uuid',
      (r: SeededRandom) => r.uuid(),
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    ],
  ] as const)('makes %s strings of the right shape', (_name, make, shape) => {
    const random = new SeededRandom('shape')
    for (let i = 0; i < 50; i++) expect(make(random)).toMatch(shape)
  })

  it('keeps int within bounds', () => {
    const random = new SeededRandom(7)
    const seen = new Set<number>()
    for (let i = 0; i < 500; i++) seen.add(random.int(3, 6))
    expect([...seen].sort()).toEqual([3, 4, 5, 6])
  })
})
