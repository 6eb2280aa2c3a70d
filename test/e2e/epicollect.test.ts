/**
 * Epicollect5 end to end on a real socket: the life of an export script and what QA does to it.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { serveApp, type RunningServer } from '../../src/node/serve.js'
import { createTestStandin } from '../../src/testing/index.js'

const RIVER = 'ec5-river-watch'
const BRANCH = '66d4af12b289f92b52dbf89cbdd8dc88_65c9dcc0caf52_65c9df13dbf0a'
const [PHOTO] = readdirSync(`fixtures/epicollect/projects/${RIVER}/media/photo`)
const DENIED = { errors: [{ code: 'ec5_256', title: 'Access denied.', source: 'middleware' }] }
const UNLINKED = {
  errors: [{ code: 'ec5_257', title: 'Unauthorized client access.', source: 'middleware' }],
}

let server: RunningServer | undefined

afterEach(async () => {
  await server?.close()
  server = undefined
})

/** A standin with no app on the river project, served on an ephemeral loopback port. */
async function serve(): Promise<string> {
  const t = await createTestStandin({
    scenario: { clock: { start: '2026-01-15T09:00:00Z' }, providers: { epicollect: {} } },
  })
  server = await serveApp((request) => t.app.fetch(request), { host: '127.0.0.1', port: 0 })
  return server.url
}

async function control(base: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${base}/_standin${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

async function requestToken(base: string, app: Record<string, unknown>): Promise<string> {
  const response = await fetch(`${base}/epicollect/api/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/vnd.api+json' },
    body: JSON.stringify({
      grant_type: 'client_credentials',
      client_id: app.client_id,
      client_secret: app.client_secret,
    }),
  })
  expect(response.status).toBe(200)
  return ((await response.json()) as { access_token: string }).access_token
}

async function getJson(url: string, accessToken: string) {
  const response = await fetch(url, { headers: { authorization: `Bearer ${accessToken}` } })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

describe('Epicollect5 over HTTP', () => {
  it('exports everything with a token, then refuses it after Revoke Token and Delete App', async () => {
    const base = await serve()
    const created = await control(base, 'POST', `/epicollect/projects/${RIVER}/app`, {
      name: 'Nightly export',
    })
    expect(created.status).toBe(201)
    const app = created.body
    let accessToken = await requestToken(base, app)

    let next: unknown = `${base}/epicollect/api/export/entries/${RIVER}?per_page=200`
    const uuids = new Set<unknown>()
    let lastPage = 0
    let current = 0
    while (typeof next === 'string') {
      expect(next.startsWith(`${base}/epicollect/api/export/entries/${RIVER}?`)).toBe(true)
      const page = await getJson(next, accessToken)
      expect(page.status).toBe(200)
      const meta = page.body.meta as { current_page: number; last_page: number }
      const data = page.body.data as { entries: { ec5_uuid: string }[] }
      for (const entry of data.entries) uuids.add(entry.ec5_uuid)
      ;({ current_page: current, last_page: lastPage } = meta)
      next = (page.body.links as { next: string | null }).next
    }
    expect(current).toBe(lastPage)
    expect(lastPage).toBe(7)
    expect(uuids.size).toBe(1250)

    const branch = await getJson(
      `${base}/epicollect/api/export/entries/${RIVER}?branch_ref=${BRANCH}&per_page=5`,
      accessToken,
    )
    expect((branch.body.meta as { total: number }).total).toBe(1260)
    const project = await getJson(`${base}/epicollect/api/export/project/${RIVER}`, accessToken)
    expect((project.body.data as { id: string }).id).toBe('66d4af12b289f92b52dbf89cbdd8dc88')
    const photo = await fetch(
      `${base}/epicollect/api/export/media/${RIVER}?type=photo&format=entry_original&name=${String(PHOTO)}`,
      {
        headers: { authorization: `Bearer ${accessToken}` },
      },
    )
    expect(photo.headers.get('content-type')).toBe('image/jpeg')
    expect(new Uint8Array(await photo.arrayBuffer())).toEqual(
      new Uint8Array(
        readFileSync(`fixtures/epicollect/projects/${RIVER}/media/photo/${String(PHOTO)}`),
      ),
    )

    const entriesUrl = `${base}/epicollect/api/export/entries/${RIVER}?per_page=1`
    expect((await control(base, 'POST', `/epicollect/projects/${RIVER}/app/revoke`)).body).toEqual({
      client_id: app.client_id,
      revoked: 1,
    })
    expect(await getJson(entriesUrl, accessToken)).toEqual({ status: 404, body: DENIED })

    accessToken = await requestToken(base, app)
    expect((await getJson(entriesUrl, accessToken)).status).toBe(200)
    expect((await control(base, 'DELETE', `/epicollect/projects/${RIVER}/app`)).status).toBe(200)
    expect(await getJson(entriesUrl, accessToken)).toEqual({ status: 404, body: UNLINKED })
  })

  it('refuses a token once the virtual clock moves two hours on', async () => {
    const base = await serve()
    const app = (await control(base, 'POST', `/epicollect/projects/${RIVER}/app`)).body
    const accessToken = await requestToken(base, app)
    const entriesUrl = `${base}/epicollect/api/export/entries/${RIVER}?per_page=1`
    expect((await getJson(entriesUrl, accessToken)).status).toBe(200)
    expect((await control(base, 'POST', '/clock', { advance: 7200 })).body).toEqual({
      now: '2026-01-15T11:00:00.000Z',
      frozen: true,
    })
    expect(await getJson(entriesUrl, accessToken)).toEqual({ status: 404, body: DENIED })
  })
})
