/**
 * StandinError: a refusal carries no stack (it is an answer, and capturing one is costly), an
 * internal error keeps its stack for whoever debugs it, and the process-wide limit is left as found.
 */
import { describe, expect, it } from 'vitest'
import { StandinError, toStandinError } from '../../src/core/errors.js'

describe('StandinError', () => {
  it.each(['invalid_credentials', 'not_found', 'rate_limited', 'unavailable'] as const)(
    'captures no stack frames for %s',
    (code) => {
      const error = new StandinError(code, 'refused')
      expect(error.stack).toMatch(/^\w*Error: refused$/)
      expect(error.status).toBeGreaterThanOrEqual(400)
    },
  )

  it('keeps the stack of an internal error', () => {
    const error = toStandinError(new RangeError('boom'))
    expect(error.code).toBe('internal')
    expect(error.stack).toMatch(/^\w*Error: Internal error\n\s+at /)
  })

  it('leaves Error.stackTraceLimit as it found it', () => {
    const before = Error.stackTraceLimit
    expect(new StandinError('forbidden', 'no').status).toBe(403)
    expect(Error.stackTraceLimit).toBe(before)
    expect(new Error('plain').stack).toMatch(/\n\s+at /)
  })
})
