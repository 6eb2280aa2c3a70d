/**
 * The README's REDCap method table against the code: each documented REDCap 15.7.6 API method it
 * lists is a (content, action) pair the content registry implements, every implemented pair is in
 * the table, and each one is routed to its handler over real HTTP (never REDCap's "content" or
 * "action" is not valid refusal).
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CONTENT_REGISTRY } from '../../../src/providers/redcap/contents/registry.js'
import { MSG } from '../../../src/providers/redcap/wire/messages.js'
import { ALICE_LONG, ALICE_SUPER, answer, formBody, postTo, serveDefault } from './support.js'

interface Row {
  readonly method: string
  readonly content: string
  readonly action: string
}

function readmeRows(): Row[] {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8')
  const section = readme.slice(
    readme.indexOf('\n## REDCap\n'),
    readme.indexOf('\n## Epicollect5\n'),
  )
  const rows: Row[] = []
  for (const line of section.split('\n')) {
    const m = /^\| ([^|`]+?) +\| `([A-Za-z_]+)` +\| `([A-Za-z_]+)` +\|$/.exec(line)
    if (m) rows.push({ method: m[1] ?? '', content: m[2] ?? '', action: m[3] ?? '' })
  }
  return rows
}

const ROWS = readmeRows()
const key = (content: string, action: string) => `${content} ${action}`

describe('the README REDCap method table', () => {
  it('lists every documented method once', () => {
    expect(ROWS.length).toBe(55)
    expect(new Set(ROWS.map((r) => r.method)).size).toBe(ROWS.length)
    expect(new Set(ROWS.map((r) => key(r.content, r.action))).size).toBe(ROWS.length)
  })

  it('names exactly the (content, action) pairs the registry implements', () => {
    const implemented = [...CONTENT_REGISTRY].flatMap(([content, def]) =>
      Object.entries(def.actions)
        .filter(([, a]) => a?.run !== undefined || a?.runSuper !== undefined)
        .map(([action]) => key(content, action)),
    )
    expect(ROWS.map((r) => key(r.content, r.action)).sort()).toEqual(implemented.sort())
  })
})

describe('each method in the table over HTTP', () => {
  const server = serveDefault()

  /** The parameters a client sends for the row: `action` as REDCap reads it for the content. */
  function params(row: Row): Record<string, string> {
    const rule = CONTENT_REGISTRY.get(row.content)?.action
    const superOnly = row.content === 'project' && row.action === 'import'
    const sent: Record<string, string> = {
      token: superOnly ? ALICE_SUPER : ALICE_LONG,
      content: row.content,
      format: 'json',
    }
    if (row.action === 'import')
      sent.data = superOnly ? '[{"project_title":"T","purpose":"0"}]' : '[]'
    const actionInData = rule?.from === 'data' && row.action === 'import'
    const byParam = rule?.from === 'param' && !(row.action === 'import' && rule.dataMeansImport)
    if (row.action !== 'export' && (byParam || (!actionInData && rule?.from !== 'fixed')))
      sent.action = row.action
    return sent
  }

  it.each(ROWS)('$method reaches its handler', async (row) => {
    const reply = await answer(await postTo(server.url(), formBody(params(row))))
    expect(reply.status).toBeLessThan(500)
    expect(reply.body).not.toContain(MSG.badContent)
    expect(reply.body).not.toContain(MSG.badAction)
  })
})
