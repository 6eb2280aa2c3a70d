/**
 * A drift report for people (text), for programs (JSON) and for CI (JUnit XML: one test case per
 * route, failing on each difference no known deviation explains).
 */
import type { DriftFinding, DriftReport } from './report.js'

export const DRIFT_FORMATS = ['text', 'json', 'junit'] as const
export type DriftFormat = (typeof DRIFT_FORMATS)[number]

export function renderReport(report: DriftReport, format: DriftFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`
    case 'junit':
      return renderJunit(report)
    case 'text':
      return renderText(report)
  }
}

function describe(f: DriftFinding): string {
  const where = f.path === '' ? '' : ` at ${f.path}`
  return `${f.kind}${where}: real service ${quote(f.recorded)}, standin ${quote(f.simulated)}`
}

function quote(text: string): string {
  return text === '' ? '(none)' : JSON.stringify(text)
}

function verdict(f: DriftFinding): string {
  if (f.explainedBy) return `known deviation ${f.explainedBy.id}: ${f.explainedBy.summary}`
  if (f.setting) return `scenario setting ${f.setting.setting} could close it (${f.setting.why})`
  return 'simulation gap'
}

function plural(n: number, word: string): string {
  return `${String(n)} ${word}${n === 1 ? '' : 's'}`
}

function renderText(report: DriftReport): string {
  const lines = [
    `drift against scenario "${report.scenario}": ${plural(report.exchanges, 'exchange')} replayed, ` +
      `${String(report.differing)} differ; ${plural(report.findings.length, 'difference')}, ` +
      `${String(report.unexplained)} unexplained`,
  ]
  const byProvider = new Map<string, DriftFinding[]>()
  for (const f of report.findings)
    byProvider.set(f.provider, [...(byProvider.get(f.provider) ?? []), f])
  for (const [provider, findings] of byProvider) {
    lines.push('', provider)
    let route = ''
    for (const f of findings.sort((a, b) => a.route.localeCompare(b.route))) {
      if (f.route !== route) lines.push(`  ${(route = f.route)}`)
      lines.push(
        `    ${describe(f)} (${plural(f.exchanges, 'exchange')}, e.g. ${String(f.files[0])})`,
      )
      lines.push(`      ${verdict(f)}`)
    }
  }
  for (const s of report.skipped) lines.push(`skipped ${s.provider}/${s.file}: ${s.why}`)
  return `${lines.join('\n')}\n`
}

function xml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
}

function renderJunit(report: DriftReport): string {
  const providers = [...new Set(report.routes.map((r) => r.provider))]
  const suites = providers.map((provider) => {
    const routes = report.routes.filter((r) => r.provider === provider)
    const cases = routes.map((r) => {
      const found = report.findings.filter((f) => f.provider === provider && f.route === r.route)
      const failures = found
        .filter((f) => !f.explainedBy)
        .map(
          (f) =>
            `      <failure type="${f.kind}" message="${xml(describe(f))}">${xml(verdict(f))}</failure>`,
        )
      const notes = found.filter((f) => f.explainedBy).map((f) => `${describe(f)}: ${verdict(f)}`)
      const out =
        notes.length > 0 ? [`      <system-out>${xml(notes.join('\n'))}</system-out>`] : []
      const body = [...failures, ...out]
      const open = `    <testcase classname="drift.${provider}" name="${xml(r.route)}"`
      return body.length === 0 ? `${open}/>` : `${open}>\n${body.join('\n')}\n    </testcase>`
    })
    const failing = report.findings.filter((f) => f.provider === provider && !f.explainedBy).length
    return [
      `  <testsuite name="${provider}" tests="${String(routes.length)}" failures="${String(failing)}">`,
      ...cases,
      '  </testsuite>',
    ].join('\n')
  })
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="standin drift" tests="${String(report.routes.length)}" failures="${String(report.unexplained)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n')
}
