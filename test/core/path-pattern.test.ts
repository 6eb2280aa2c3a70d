import { describe, expect, it } from 'vitest'
import { matchesPath } from '../../src/core/path-pattern.js'

describe('path patterns', () => {
  it.each([
    ['/api/export/*', '/api/export/entries/demo', true],
    ['/api/export/*', '/api/export/', true],
    ['/api/export/*', '/api/exports', false],
    ['/fhir/R4/Patient', '/fhir/R4/Patient', true],
    ['/fhir/R4/Patient', '/fhir/R4/Patient/1', false],
    ['/*/token', '/v2/auth/token', true],
    ['/api/(x).json', '/api/(x).json', true],
    ['/api/(x).json', '/api/xxjson', false],
  ])('%s matches %s: %s', (pattern, path, expected) => {
    expect(matchesPath(pattern, path)).toBe(expected)
  })
})
