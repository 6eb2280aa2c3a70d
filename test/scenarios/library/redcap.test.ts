import { describe, expect, it } from 'vitest'
import { outcome, serveScenario, type Served } from './support.js'

const NO_PERMISSION = { error: 'You do not have permissions to use the API' }

function api(s: Served, params: Record<string, string>): Promise<Response> {
  return fetch(`${s.url}/redcap/api/`, { method: 'POST', body: new URLSearchParams(params) })
}

const exportRecords = (s: Served, token: string) =>
  api(s, { token, content: 'record', format: 'json', returnFormat: 'json' })

function tokenOf(s: Served, subject: string): string | undefined {
  const live = s.world.credentials.list((c) => c.subject === subject && c.status === 'active')
  const id = live[0]?.id
  if (id === undefined) return undefined
  // The registry never hands out secrets; the provider's state holds the user's current token.
  const state = s.world.stateOf('redcap') as {
    projects: Map<number, { users: Map<string, { token: string | null }> }>
  }
  for (const project of state.projects.values()) {
    const token = project.users.get(subject)?.token
    if (token) return token
  }
  return undefined
}

describe('REDCap library scenarios', () => {
  it('redcap-pending-approval: bob has no token until the request is approved an hour in', async () => {
    const s = await serveScenario('redcap-pending-approval')
    expect(tokenOf(s, 'bob')).toBeUndefined()
    const requests = (await s.control('/redcap/token-requests')) as {
      requests: { status: string }[]
    }
    expect(requests.requests.map((r) => r.status)).toEqual(['pending'])
    await s.control('/clock', { advance: 3599 })
    expect(tokenOf(s, 'bob')).toBeUndefined()
    await s.control('/clock', { advance: 1 })
    const token = tokenOf(s, 'bob')
    expect(token).toMatch(/^[0-9A-F]{32}$/)
    expect((await exportRecords(s, token ?? '')).status).toBe(200)
  })

  it('redcap-regenerate-during-run: the old token gets 403 after the fifth call, the new one works', async () => {
    const s = await serveScenario('redcap-regenerate-during-run')
    const old = 'ABCDEF0123456789ABCDEF0123456789'
    for (let i = 0; i < 5; i++) expect((await exportRecords(s, old)).status).toBe(200)
    expect(await outcome(await exportRecords(s, old))).toEqual({ status: 403, body: NO_PERMISSION })
    const fresh = tokenOf(s, 'alice')
    expect(fresh).not.toBe(old)
    expect((await exportRecords(s, fresh ?? '')).status).toBe(200)
  })

  it('redcap-no-export-rights: record export answers 403 without API Export rights', async () => {
    const s = await serveScenario('redcap-no-export-rights')
    expect(await outcome(await exportRecords(s, '1111222233334444AAAABBBBCCCCDDDD'))).toEqual({
      status: 403,
      body: { error: 'You do not have API Export privileges' },
    })
  })

  it('redcap-longitudinal: events are listed and records carry redcap_event_name', async () => {
    const s = await serveScenario('redcap-longitudinal')
    const token = 'FEDCBA9876543210FEDCBA9876543210'
    const events = (await (await api(s, { token, content: 'event', format: 'json' })).json()) as {
      unique_event_name: string
    }[]
    expect(events.length).toBeGreaterThan(1)
    const records = (await (await exportRecords(s, token)).json()) as {
      redcap_event_name: string
    }[]
    const names = new Set(events.map((e) => e.unique_event_name))
    expect(records.length).toBeGreaterThan(0)
    for (const record of records) expect(names.has(record.redcap_event_name)).toBe(true)
  })
})
