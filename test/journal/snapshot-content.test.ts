/**
 * Inline REDCap projects in a snapshot: a fixture project that changed comes back whole in a fresh
 * standin (records, files, survey links, the log), and a hand-edited project that names an event it
 * does not define is refused at load, leaving the world as it was.
 */
import { expect, it } from 'vitest'
import { startStandin, type StartedStandin } from '../../src/testing/index.js'
import { redcap, serveDefault } from './support.js'

const LONGITUDINAL_TOKEN = 'FEDCBA9876543210FEDCBA9876543210'

/** A REDCap API call that must answer 200; its body. */
async function api(s: StartedStandin, params: Record<string, string>): Promise<string> {
  const response = await redcap(s, params)
  const text = await response.text()
  expect(response.status, text).toBe(200)
  return text
}

it('carries a fixture project once it has changed: records, files, survey links, the log', async () => {
  const a = await serveDefault()
  const classic = 'ABCDEF0123456789ABCDEF0123456789'
  const read = async (s: StartedStandin, token: string) => ({
    records: await api(s, { token, content: 'record', format: 'csv' }),
    link: await api(s, { token, content: 'surveyLink', record: '1', instrument: 'demographics' }),
    files: await api(s, { token, content: 'fileRepository', action: 'list', format: 'json' }),
    log: await api(s, { token, content: 'log', format: 'json' }),
  })
  await read(a, classic)
  const before = await read(a, classic)
  const saved = await a.control.snapshot()
  const { projects } = (saved as { providers: { redcap: { projects: object[] } } }).providers.redcap
  expect(projects[0]).toHaveProperty('content.settings.title', 'Classic Demo Study')

  const b = await startStandin({ scenario: saved })
  try {
    expect(await b.control.snapshot()).toEqual(saved)
    const request = await b.control.redcap.requestToken(13, 'alice')
    const { token } = await b.control.redcap.approve(request.id)
    const after = await read(b, token)
    expect(after.records).toBe(before.records)
    expect(after.link).toBe(before.link.replace(a.url, b.url))
    expect(after.files).toBe(before.files)
    // The loaded world's log is the old one with its own exports on top.
    const kept = JSON.parse(after.log) as unknown[]
    const old = JSON.parse(before.log) as unknown[]
    expect(old.length).toBeGreaterThan(2)
    for (const entry of old) expect(kept).toContainEqual(entry)
  } finally {
    await b.close()
  }
})

it('refuses inline REDCap content that names an event it does not define', async () => {
  const a = await serveDefault()
  await api(a, {
    token: LONGITUDINAL_TOKEN,
    content: 'record',
    action: 'delete',
    'records[0]': '1001',
  })
  const before = await a.control.snapshot()
  const edited = structuredClone(before) as {
    providers: {
      redcap: { projects: { content?: { records: { rows: { eventId: number }[] }[] } }[] }
    }
  }
  const row = edited.providers.redcap.projects[1]?.content?.records[0]?.rows[0]
  expect(row).toBeDefined()
  if (row) row.eventId = 9999
  const load = await fetch(`${a.url}/_standin/scenario`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(edited),
  })
  expect(load.status).toBe(400)
  expect(await load.text()).toContain('Project 14 content: no event has id 9999.')
  // The world it had stays loaded.
  expect(await a.control.snapshot()).toEqual(before)
})
