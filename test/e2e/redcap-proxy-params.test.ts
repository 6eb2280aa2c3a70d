/**
 * REDCap's posted parameters in proxy, record and replay modes, on real sockets: B plays the real
 * REDCap (mock mode), A forwards `/api/` to B. Errors A raises itself answer in the posted
 * `returnFormat` exactly as mock mode does, and multipart calls (file imports) pass through.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStandin } from '../../src/node/create.js'
import { FsFixtureStore } from '../../src/node/fs-fixture-store.js'
import { nodeSecretReader } from '../../src/node/proxy-ports.js'
import { serveApp, type RunningServer } from '../../src/node/serve.js'

const B_TOKEN = 'B0B0B0B0C1C1C1C1D2D2D2D2E3E3E3E3'
const A_TOKEN = 'ABCDEF0123456789ABCDEF0123456789'
const UNKNOWN_TOKEN = '00000000000000000000000000000000'

let b: RunningServer
let a: RunningServer

beforeAll(async () => {
  const upstream = await createStandin({
    scenario: {
      name: 'upstream',
      providers: {
        redcap: {
          users: [{ username: 'svc', firstname: 'Service', lastname: 'Account' }],
          projects: [{ id: 77, fixture: 'classic', users: [{ username: 'svc', token: B_TOKEN }] }],
        },
      },
    },
  })
  b = await serveApp(upstream.fetch, { host: '127.0.0.1', port: 0 })
  const proxy = await createStandin({
    scenario: 'default',
    fixtures: new FsFixtureStore([
      mkdtempSync(join(tmpdir(), 'standin-redcap-params-')),
      'fixtures',
    ]),
    config: {
      routes: [{ provider: 'redcap', path: '/api/', mode: 'proxy' }],
      upstreams: { redcap: { url: `${b.url}/redcap` } },
      credentials: { redcap: { token: { env: 'B_REDCAP_TOKEN' } } },
    },
    proxy: { secrets: nodeSecretReader({ B_REDCAP_TOKEN: B_TOKEN }) },
  })
  a = await serveApp(proxy.fetch, { host: '127.0.0.1', port: 0 })
})

afterAll(async () => {
  await a.close()
  await b.close()
})

async function setMode(mode: string): Promise<void> {
  const response = await fetch(`${a.url}/_standin/routes`, {
    method: 'PUT',
    body: JSON.stringify({ routes: [{ provider: 'redcap', path: '/api/', mode }] }),
  })
  expect(response.status).toBe(200)
}

function multipart(fields: Record<string, string>, file?: { name: string; text: string }) {
  const form = new FormData()
  for (const [key, value] of Object.entries(fields)) form.append(key, value)
  if (file) form.append('file', new Blob([file.text], { type: 'text/plain' }), file.name)
  return form
}

async function post(base: string, body: FormData | URLSearchParams) {
  const response = await fetch(`${base}/redcap/api/`, { method: 'POST', body })
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: await response.text(),
  }
}

describe('REDCap parameters when /api/ is proxied', () => {
  it.each([
    ['urlencoded', 'json'],
    ['urlencoded', 'csv'],
    ['multipart', 'json'],
    ['multipart', 'xml'],
  ])(
    'refuses an unknown %s token in returnFormat %s exactly as mock mode does',
    async (encoding, returnFormat) => {
      await setMode('proxy')
      const fields = { token: UNKNOWN_TOKEN, content: 'project', format: 'json', returnFormat }
      const body = () =>
        encoding === 'multipart' ? multipart(fields) : new URLSearchParams(fields)
      const mock = await post(b.url, body())
      expect(mock.status).toBe(403)
      expect(await post(a.url, body())).toEqual(mock)
    },
  )

  it('forwards a multipart call with the real token swapped in', async () => {
    await setMode('proxy')
    const answer = await post(
      a.url,
      multipart({ token: A_TOKEN, content: 'project', format: 'json' }),
    )
    expect(answer.status).toBe(200)
    expect((JSON.parse(answer.body) as { project_id: number }).project_id).toBe(77)
  })

  it('imports a file through the proxy, which the upstream then serves', async () => {
    await setMode('proxy')
    const target = { content: 'file', record: '1', field: 'consent_form' }
    const imported = await post(
      a.url,
      multipart(
        { token: A_TOKEN, ...target, action: 'import' },
        { name: 'via-proxy.txt', text: 'proxied bytes' },
      ),
    )
    expect([imported.status, imported.body]).toEqual([200, ''])
    const stored = await fetch(`${b.url}/redcap/api/`, {
      method: 'POST',
      body: new URLSearchParams({ token: B_TOKEN, ...target, action: 'export' }),
    })
    expect([stored.status, await stored.text()]).toEqual([200, 'proxied bytes'])
  })

  it('records a multipart call and replays it', async () => {
    const call = () => multipart({ token: A_TOKEN, content: 'version', format: 'json' })
    await setMode('record')
    const recorded = await post(a.url, call())
    expect(recorded.status).toBe(200)
    await setMode('replay')
    expect(await post(a.url, call())).toEqual(recorded)
  })
})
