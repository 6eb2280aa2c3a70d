import { expect, it } from 'vitest'
import { rememberJti } from '../../../src/providers/redox/state/jti-replay.js'

const RULES = { maxAgeSeconds: 300, skewSeconds: 10 }
const at = (seconds: number) => new Date(seconds * 1000)

it('refuses a jti again until max(exp, iat + 5 min) + 10 s have passed', () => {
  const used = new Map<string, number>()
  expect(rememberJti(used, 'c', { jti: 'a', iat: 1000 }, at(1000), RULES)).toBeUndefined()
  expect(rememberJti(used, 'c', { jti: 'a', iat: 1000 }, at(1310), RULES)).toBe(
    'jti a was already used by c (replay refused until 1970-01-01T00:21:50.000Z)',
  )
  expect(rememberJti(used, 'c', { jti: 'a', iat: 1000 }, at(1311), RULES)).toBeUndefined()
  expect(
    rememberJti(used, 'other', { jti: 'b', iat: 1000, exp: 5000 }, at(1000), RULES),
  ).toBeUndefined()
  expect(rememberJti(used, 'other', { jti: 'b', iat: 1000, exp: 5000 }, at(4000), RULES)).toMatch(
    /already used/,
  )
})

it('keeps the same jti of two clients apart', () => {
  const used = new Map<string, number>()
  expect(rememberJti(used, 'one', { jti: 'x', iat: 1000 }, at(1000), RULES)).toBeUndefined()
  expect(rememberJti(used, 'two', { jti: 'x', iat: 1000 }, at(1000), RULES)).toBeUndefined()
})

it('forgets expired entries as new ones arrive, even behind a long-lived one', () => {
  const used = new Map<string, number>()
  rememberJti(used, 'c', { jti: 'long', iat: 0, exp: 100_000 }, at(0), RULES)
  for (let i = 0; i < 1000; i++)
    rememberJti(used, 'c', { jti: `old-${String(i)}`, iat: 0 }, at(0), RULES)
  for (let i = 0; i < 1000; i++)
    rememberJti(used, 'c', { jti: `new-${String(i)}`, iat: 1000 }, at(1000), RULES)
  expect(used.size).toBe(1001)
  expect(used.has('c long')).toBe(true)
})
