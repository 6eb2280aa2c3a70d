import { describe, expect, it } from 'vitest'
import { renderReport } from '../../src/drift/render.js'
import { buildReport, type ExchangeResult } from '../../src/drift/report.js'
import { providers } from '../../src/providers/index.js'

const value = { kind: 'value', path: '', recorded: 'a', simulated: 'b' } as const
const pdf = (file: string): ExchangeResult => ({
  provider: 'redcap',
  route: 'POST /api/ content=pdf',
  file,
  statuses: [200, 200],
  differences: [value],
})
const version = (file: string): ExchangeResult => ({
  provider: 'redcap',
  route: 'POST /api/ content=version',
  file,
  statuses: [200, 200],
  differences: [{ ...value, recorded: '14.0.0', simulated: '15.7.6' }],
})
const results: ExchangeResult[] = [
  version('v1.json'),
  pdf('p1.json'),
  pdf('p2.json'),
  pdf('p3.json'),
  pdf('p4.json'),
  {
    provider: 'redox',
    route: 'GET /redox/endpoint',
    file: 'r.json',
    statuses: [200, 200],
    differences: [],
  },
  { provider: 'epicollect', route: 'GET /api/x', file: 'e.json', skipped: 'no app' },
]

describe('buildReport', () => {
  const report = buildReport('default', results, providers)

  it('groups by provider, route, kind and path, most exchanges first', () => {
    expect(report.findings.map((f) => [f.route, f.exchanges, f.files.length])).toEqual([
      ['POST /api/ content=pdf', 4, 3],
      ['POST /api/ content=version', 1, 1],
    ])
    expect([report.exchanges, report.differing]).toEqual([7, 5])
  })

  it('marks what a known deviation explains and names the setting that closes the rest', () => {
    const [pdfs, versions] = report.findings
    expect(pdfs?.explainedBy?.id).toBe('redcap.pdf-layout')
    expect(versions?.explainedBy).toBeUndefined()
    expect(versions?.setting?.setting).toBe('providers.redcap.version')
    expect(report.unexplained).toBe(1)
  })

  it('lists every route replayed and every exchange it could not replay', () => {
    expect(report.routes.map((r) => `${r.provider} ${r.route} ${String(r.exchanges)}`)).toEqual([
      'redcap POST /api/ content=version 1',
      'redcap POST /api/ content=pdf 4',
      'redox GET /redox/endpoint 1',
      'epicollect GET /api/x 1',
    ])
    expect(report.skipped).toEqual([{ file: 'e.json', provider: 'epicollect', why: 'no app' }])
  })

  it('fails JUnit only on unexplained differences and notes the explained ones', () => {
    const xml = renderReport(report, 'junit')
    expect(xml.match(/<failure /g)).toHaveLength(1)
    expect(xml).toContain('<system-out>value: real service &quot;a&quot;')
    expect(xml).toContain('known deviation redcap.pdf-layout')
    expect(xml).toContain('<testcase classname="drift.redox" name="GET /redox/endpoint"/>')
  })

  it('has nothing unexplained when every difference is a known deviation', () => {
    const explained = buildReport('default', [pdf('p.json')], providers)
    expect(explained.unexplained).toBe(0)
    expect(renderReport(explained, 'text')).toContain('known deviation redcap.pdf-layout')
  })
})
