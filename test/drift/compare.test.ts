import { describe, expect, it } from 'vitest'
import {
  compareAnswers,
  csvHeader,
  errorOf,
  xmlPaths,
  type Answer,
} from '../../src/drift/compare.js'
import { compareJson } from '../../src/drift/json-shape.js'

const json = (body: unknown, status = 200): Answer => ({
  status,
  contentType: 'application/json; charset=utf-8',
  text: JSON.stringify(body),
})

describe('compareJson', () => {
  it('names members one side lacks by their general path, outermost only', () => {
    const real = [{ record_id: '1', extra: { a: 1, b: 2 } }]
    const sim = [{ record_id: '1', other: true }]
    expect(compareJson(real, sim)).toEqual([
      { kind: 'missing', path: '[].extra', recorded: 'present', simulated: 'absent' },
      { kind: 'extra', path: '[].other', recorded: 'absent', simulated: 'present' },
    ])
  })

  it('reports a type change and a changed value where both hold the same item', () => {
    expect(compareJson({ n: 1, s: 'a' }, { n: '1', s: 'b' })).toEqual([
      { kind: 'type', path: '.n', recorded: 'number', simulated: 'string' },
      { kind: 'value', path: '.s', recorded: 'a', simulated: 'b' },
    ])
  })

  it('reports arrays of other lengths once, without comparing their items one by one', () => {
    const real = { rows: [{ v: 1 }, { v: 2 }, { v: 3 }] }
    const sim = { rows: [{ v: 2 }, { v: 3 }] }
    expect(compareJson(real, sim)).toEqual([
      { kind: 'length', path: '.rows', recorded: '3', simulated: '2' },
    ])
  })

  it('ignores volatile values: ids, times, tokens, URLs and placeholders', () => {
    const real = {
      id: 'a',
      at: '2026-01-02T03:04:05Z',
      token: 'x',
      link: 'https://five.epicollect.net/api/x',
      secret: '{{access_token}}',
      hash: 'ABCDEF0123456789ABCDEF0123456789',
    }
    const sim = {
      id: 'b',
      at: '2027-01-02 03:04:05',
      token: 'y',
      link: 'http://127.0.0.1:4010/epicollect/api/x',
      secret: 'eyJhbGciOi.eyJzdWIiOiIx.c2lnbmF0dXJl',
      hash: '0123456789ABCDEF0123456789ABCDEF',
    }
    expect(compareJson(real, sim)).toEqual([])
  })

  it('walks a deeply nested document without overflowing the stack', () => {
    let deep: unknown = 1
    for (let i = 0; i < 50_000; i++) deep = [deep]
    expect(compareJson(deep, deep)).toEqual([])
  })
})

describe('compareAnswers', () => {
  it('reports another status alone, with the error each side gave', () => {
    const real = json({ errors: [{ code: 'ec5_255', title: 'Too many requests' }] }, 429)
    expect(compareAnswers(real, json({ data: [] }))).toEqual([
      { kind: 'status', path: '', recorded: '429 ec5_255 Too many requests', simulated: '200' },
    ])
  })

  it('compares errors in the provider envelope, not their bodies', () => {
    const real = json({ error: 'You do not have permissions to use the API' }, 403)
    const sim = json({ error: 'The API token was not found' }, 403)
    expect(compareAnswers(real, sim)).toEqual([
      {
        kind: 'error',
        path: '',
        recorded: 'You do not have permissions to use the API',
        simulated: 'The API token was not found',
      },
    ])
  })

  it('compares media types with their charset', () => {
    const sim = { ...json([]), contentType: 'text/html; charset=UTF-8' }
    expect(compareAnswers(json([]), sim)).toEqual([
      {
        kind: 'content-type',
        path: '',
        recorded: 'application/json; charset=utf-8',
        simulated: 'text/html; charset=utf-8',
      },
    ])
  })

  it('compares a CSV header, and a one-line body as a value', () => {
    const csv = (text: string): Answer => ({ status: 200, contentType: 'text/csv', text })
    expect(compareAnswers(csv('a,"b,c",d\n1,2,3\n'), csv('a,d\n1,3\n'))).toEqual([
      { kind: 'missing', path: 'b,c', recorded: 'present', simulated: 'absent' },
    ])
    expect(compareAnswers(csv('a,b\n1,2\n'), csv('b,a\n2,1\n'))[0]?.path).toBe('(order)')
    expect(compareAnswers(csv('14.0.0'), csv('15.7.6'))).toEqual([
      { kind: 'value', path: '', recorded: '14.0.0', simulated: '15.7.6' },
    ])
  })

  it('compares the element paths of XML, not its text', () => {
    const xml = (text: string): Answer => ({ status: 200, contentType: 'text/xml', text })
    const real = xml('<records><item><record_id>1</record_id><extra>x</extra></item></records>')
    const sim = xml('<records><item><record_id>2</record_id></item></records>')
    expect(compareAnswers(real, sim)).toEqual([
      { kind: 'missing', path: 'records/item/extra', recorded: 'present', simulated: 'absent' },
    ])
  })
})

describe('reading bodies', () => {
  it('finds each provider envelope', () => {
    const type = 'application/json'
    expect(errorOf(type, '{"error":"invalid_client","error_description":"bad"}')).toBe(
      'invalid_client: bad',
    )
    const outcome = {
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'not-found' }],
    }
    expect(errorOf('application/fhir+json', JSON.stringify(outcome))).toBe('error not-found')
    expect(errorOf(type, '{"Meta":{"Errors":[{"Text":"nope"}]}}')).toBe('nope')
    expect(errorOf(type, '[{"record_id":"1"}]')).toBeUndefined()
    expect(errorOf('text/csv', 'error\n')).toBeUndefined()
  })

  it('reads a quoted CSV header and every XML element path', () => {
    expect(csvHeader('"a ""q""",b\r\n1,2')).toEqual(['a "q"', 'b'])
    expect(xmlPaths('<a><b/><c><d>1</d></c></a>')).toEqual(['a', 'a/b', 'a/c', 'a/c/d'])
  })
})
