/**
 * A world changed through the real REDCap and Epicollect5 APIs and the control API, saved with
 * `GET /_standin/snapshot` (JSON and YAML), loaded into fresh standins: the changes answer there
 * through the provider APIs, the loaded world snapshots to the same document, and no secret is in it.
 */
import { parse } from 'yaml'
import { expect, it } from 'vitest'
import { startStandin, type StartedStandin } from '../../src/testing/index.js'
import { serveDefault } from './support.js'

const SUPER = 'ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789'
const LONGITUDINAL_TOKEN = 'FEDCBA9876543210FEDCBA9876543210'
const CONSENT = new Uint8Array([0, 1, 2, 250, 251, 252])

async function api(s: StartedStandin, params: Record<string, string> | FormData): Promise<string> {
  const body = params instanceof FormData ? params : new URLSearchParams(params)
  const response = await fetch(`${s.url}/redcap/api/`, { method: 'POST', body })
  const text = await response.text()
  expect(response.status, text).toBe(200)
  return text
}

const json = (rows: unknown) => ({ format: 'json', data: JSON.stringify(rows) })

/** A project made with a super token and then changed in every way the snapshot must carry. */
async function buildStudy(a: StartedStandin): Promise<string> {
  const token = await api(a, {
    token: SUPER,
    content: 'project',
    ...json([{ project_title: 'Snapshot study', purpose: '0' }]),
  })
  const call = (params: Record<string, string>) => api(a, { token, ...params })
  await call({
    content: 'metadata',
    ...json([
      { field_name: 'record_id', form_name: 'intake', field_type: 'text', field_label: 'ID' },
      { field_name: 'token', form_name: 'intake', field_type: 'text', field_label: 'Token' },
      {
        field_name: 'color',
        form_name: 'intake',
        field_type: 'checkbox',
        field_label: 'Color',
        select_choices_or_calculations: '1, Red | 2, Blue',
      },
      { field_name: 'consent', form_name: 'intake', field_type: 'file', field_label: 'Consent' },
    ]),
  })
  await call({
    content: 'record',
    ...json([
      { record_id: '1', token: 'not-a-secret-value', color___1: '1' },
      { record_id: '2', token: 'b' },
      { record_id: '3', token: 'c' },
    ]),
  })
  const upload = new FormData()
  for (const [k, v] of Object.entries({ token, content: 'file', action: 'import' }))
    upload.set(k, v)
  upload.set('record', '1')
  upload.set('field', 'consent')
  upload.set('file', new Blob([CONSENT]), 'consent.bin')
  await api(a, upload)
  await call({ content: 'record', action: 'rename', record: '2', new_record_name: '20' })
  await call({ content: 'record', action: 'delete', 'records[0]': '3' })
  await call({
    content: 'dag',
    action: 'import',
    ...json([{ data_access_group_name: 'Site East', unique_group_name: '' }]),
  })
  await call({
    content: 'userRole',
    action: 'import',
    ...json([{ unique_role_name: '', role_label: 'Monitor', data_export: '0' }]),
  })
  await call({ content: 'user', ...json([{ username: 'carol', design: '0' }]) })
  await call({
    content: 'project_settings',
    action: 'import',
    ...json({ project_title: 'Renamed study', project_notes: 'Saved by hand' }),
  })
  return token
}

it('carries REDCap and Epicollect5 changes made at runtime, and snapshots the same after a load', async () => {
  const a = await serveDefault()
  const token = await buildStudy(a)
  // Project 14 changes; project 13 stays as its fixture built it.
  await api(a, {
    token: LONGITUDINAL_TOKEN,
    content: 'record',
    action: 'delete',
    'records[0]': '1001',
  })
  // Bob's pending request (project 13) is approved: the status travels, the token does not.
  const [pending] = await a.control.redcap.tokenRequests()
  await a.control.redcap.approve(pending?.id ?? '')
  await a.control.epicollect.deleteApp('ec5-school-bird-count')
  const created = await a.control.epicollect.createApp('ec5-urban-trees', 'Trees app')
  await a.control.epicollect.revokeApp('ec5-river-watch')
  const secrets = [
    SUPER,
    token,
    LONGITUDINAL_TOKEN,
    created.client_secret,
    (await a.control.epicollect.getApp('ec5-river-watch')).client_secret,
    'demo-legacy-secret-not-for-production',
  ]

  const response = await fetch(`${a.url}/_standin/snapshot`)
  const omitted = response.headers.get('standin-snapshot-omitted') ?? ''
  const text = await response.text()
  const yaml = await (await fetch(`${a.url}/_standin/snapshot?format=yaml`)).text()
  for (const secret of secrets) {
    expect(text).not.toContain(secret)
    expect(yaml).not.toContain(secret)
  }
  expect(omitted).toContain('providers.redcap.users[0].superToken')
  expect(omitted).toContain('providers.redcap.projects[2].users[0].token')
  expect(omitted).toContain('providers.epicollect.apps[1].clientSecret')
  expect(omitted).toContain('providers.redcap.projects[0].users[2].token')
  const first = JSON.parse(text) as { providers: { redcap: { projects: object[] } } }
  expect(parse(yaml)).toEqual(first)
  const [classic, longitudinal, study] = first.providers.redcap.projects
  expect(classic).toMatchObject({ id: 13, fixture: 'classic' })
  expect(longitudinal).toMatchObject({ id: 14, content: { settings: { isLongitudinal: true } } })
  expect(study).toMatchObject({ id: 15, content: { settings: { title: 'Renamed study' } } })

  const b = await startStandin({ scenario: first })
  const c = await startStandin({ scenario: parse(yaml) as Record<string, unknown> })
  try {
    expect(await b.control.snapshot()).toEqual(first)
    expect(await c.control.snapshot()).toEqual(first)
    await expectStudy(b)
    expect(await b.control.redcap.tokenRequests()).toContainEqual(
      expect.objectContaining({ id: pending?.id, username: 'bob', status: 'approved' }),
    )
    const apps = await b.control.epicollect.apps()
    expect(apps.map((app) => [app.project, app.client_id])).toEqual([
      ['ec5-river-watch', 153],
      ['ec5-urban-trees', created.client_id],
    ])
    const next = await b.control.epicollect.createApp('ec5-school-bird-count')
    expect(next.client_id).toBe(created.client_id + 1)
  } finally {
    await Promise.all([b.close(), c.close()])
  }
})

/** The study answers in the loaded world once alice has a token again. */
async function expectStudy(b: StartedStandin): Promise<void> {
  const request = await b.control.redcap.requestToken(15, 'alice')
  const { token } = await b.control.redcap.approve(request.id)
  const call = (params: Record<string, string>) => api(b, { token, format: 'json', ...params })
  const records = JSON.parse(await call({ content: 'record' })) as Record<string, string>[]
  expect(records.map((r) => [r.record_id, r.token, r.color___1])).toEqual([
    ['1', 'not-a-secret-value', '1'],
    ['20', 'b', '0'],
  ])
  const users = JSON.parse(await call({ content: 'user' })) as { username: string }[]
  expect(users.map((u) => u.username).sort()).toEqual(['alice', 'carol'])
  const dags = JSON.parse(await call({ content: 'dag' })) as { data_access_group_name: string }[]
  expect(dags.map((d) => d.data_access_group_name)).toEqual(['Site East'])
  const roles = JSON.parse(await call({ content: 'userRole' })) as { role_label: string }[]
  expect(roles.map((r) => r.role_label)).toEqual(['Monitor'])
  const info = JSON.parse(await call({ content: 'project' })) as Record<string, unknown>
  expect(info).toMatchObject({ project_title: 'Renamed study', project_notes: 'Saved by hand' })
  const file = await fetch(`${b.url}/redcap/api/`, {
    method: 'POST',
    body: new URLSearchParams({
      token,
      content: 'file',
      action: 'export',
      record: '1',
      field: 'consent',
    }),
  })
  expect(new Uint8Array(await file.arrayBuffer())).toEqual(CONSENT)
  // The token the old world had is a secret the snapshot left out: the loaded world refuses it.
  const old = await fetch(`${b.url}/redcap/api/`, {
    method: 'POST',
    body: new URLSearchParams({ token: LONGITUDINAL_TOKEN, content: 'record' }),
  })
  expect(old.status).toBe(403)
  const again = await b.control.redcap.requestToken(14, 'alice')
  const longitudinal = await b.control.redcap.approve(again.id)
  const rows = JSON.parse(
    await api(b, { token: longitudinal.token, content: 'record', format: 'json' }),
  ) as { study_id: string }[]
  expect(rows.length).toBeGreaterThan(0)
  expect(rows.map((r) => r.study_id)).not.toContain('1001')
}

it('names only the secrets it left out, not a token deleted since the load', async () => {
  const a = await serveDefault()
  await a.control.redcap.deleteToken(13, 'alice')
  const response = await fetch(`${a.url}/_standin/snapshot`)
  const omitted = (response.headers.get('standin-snapshot-omitted') ?? '').split(', ')
  expect(omitted).not.toContain('providers.redcap.projects[0].users[0].token')
  expect(omitted).toContain('providers.redcap.projects[0].users[1].token')
  // A Redox legacy key is dropped whole, so its secret is named from the loaded section.
  expect(omitted).toContain('providers.redox.legacyKeys[0].secret')
})
