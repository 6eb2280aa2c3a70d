import { describe, expect, it } from 'vitest'
import { compilePathPattern, matchesPath } from '../../src/core/path-pattern.js'

describe('path patterns', () => {
  it.each([
    // `*` is any run inside one segment.
    ['/api/export/entries/*', '/api/export/entries/demo', true],
    ['/api/export/*', '/api/export/', true],
    ['/api/export/*', '/api/export/entries/demo', false],
    ['/api/export/*', '/api/exports', false],
    ['/d*', '/data', true],
    ['/d*a', '/data', true],
    ['/d*a', '/dat', false],
    ['/a*a', '/a', false],
    ['/*/token', '/v2/token', true],
    ['/*/token', '/v2/auth/token', false],
    ['/fhir/R4/*/Development/**', '/fhir/R4/dest/Development/Patient/1', true],
    ['/fhir/R4/*/Development/**', '/fhir/R4/dest/Production/Patient/1', false],
    // A `**` segment is any number of whole segments, none included.
    ['/fhir/**', '/fhir/R4/Patient', true],
    ['/fhir/**', '/fhir', true],
    ['/fhir/**', '/fhirs', false],
    ['/**', '/anything/at/all', true],
    ['/**/token', '/v2/auth/token', true],
    ['/**/token', '/token', true],
    ['/**/token', '/v2/auth/tokens', false],
    ['/a/**/b/**/c', '/a/x/b/y/z/c', true],
    ['/a/**/b/**/c', '/a/b/c', true],
    ['/a/**/b/**/c', '/a/c/b', false],
    ['/a/**/x*/**/c', '/a/q/xyz/r/c', true],
    // Everything else is literal, regex characters included.
    ['/fhir/R4/Patient', '/fhir/R4/Patient', true],
    ['/fhir/R4/Patient', '/fhir/R4/Patient/1', false],
    ['/api/', '/api/', true],
    ['/api/', '/api', false],
    ['/api/(x).json', '/api/(x).json', true],
    ['/api/(x).json', '/api/xxjson', false],
    ['/a+b/[c]', '/a+b/[c]', true],
  ])('%s matches %s: %s', (pattern, path, expected) => {
    expect(matchesPath(pattern, path)).toBe(expected)
    expect(compilePathPattern(pattern)(path)).toBe(expected)
  })

  it('agrees with a plain recursive reading of the dialect on random inputs', () => {
    // Reference: the dialect's definition, searched exhaustively; fine on tiny inputs only.
    const segment = (p: string, s: string): boolean =>
      p === ''
        ? s === ''
        : p.startsWith('*')
          ? [...Array(s.length + 1).keys()].some((k) => segment(p.slice(1), s.slice(k)))
          : s.charAt(0) === p.charAt(0) && s !== '' && segment(p.slice(1), s.slice(1))
    const segments = (p: readonly string[], s: readonly string[]): boolean => {
      if (p.length === 0) return s.length === 0
      if (p[0] === '**') {
        return [...Array(s.length + 1).keys()].some((k) => segments(p.slice(1), s.slice(k)))
      }
      return s.length > 0 && segment(p[0] ?? '', s[0] ?? '') && segments(p.slice(1), s.slice(1))
    }
    let seed = 7
    const pick = (items: string) => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return items.charAt((seed >> 8) % items.length)
    }
    for (let n = 0; n < 3000; n++) {
      let pattern = ''
      let path = ''
      for (let i = 0; i < 1 + (n % 6); i++)
        pattern += pick('/ab*') + (pick('xyz') === 'x' ? '/**' : '')
      for (let i = 0; i < 1 + (n % 8); i++) path += pick('/ab')
      const expected = segments(('/' + pattern).split('/'), ('/' + path).split('/'))
      expect(matchesPath('/' + pattern, '/' + path), `/${pattern} on /${path}`).toBe(expected)
    }
  })

  it('answers a pattern that makes a backtracking matcher explode, well within the test timeout', () => {
    // A backtracking regex takes tens of seconds on this one; the fuzz suite bounds it per request.
    expect(matchesPath('/*a*a*a*a*a*a*a*b', '/' + 'a'.repeat(60))).toBe(false)
    expect(matchesPath('/**/a/**/a/**/a/**/a/**/b', '/a'.repeat(2000))).toBe(false)
    expect(matchesPath('/*a*a*a*a*a*a*a*a', '/' + 'a'.repeat(60))).toBe(true)
  })
})
