/**
 * Two standins on real sockets for all three providers: B plays the real upstreams (mock mode, its
 * own credentials), A proxies REDCap, Epicollect5 and Redox data routes to B with B's credentials
 * read from the environment. The client holds only A's local credentials (the default scenario's).
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStandin } from '../../src/node/create.js'
import { FsFixtureStore } from '../../src/node/fs-fixture-store.js'
import { nodeSecretReader } from '../../src/node/proxy-ports.js'
import { serveApp, type RunningServer } from '../../src/node/serve.js'
import type { World } from '../../src/world.js'
import {
  UPSTREAM_EC5_SECRET,
  UPSTREAM_REDCAP_TOKEN,
  upstreamConfig,
  upstreamEnv,
  upstreamRoutes,
  upstreamScenario,
} from '../support/upstream-world.js'
import {
  DEMO_PRIVATE_JWK,
  PATIENT_ID,
  signAssertion,
  tokenForm,
} from '../providers/redox/support.js'

const A_REDCAP_TOKEN = 'ABCDEF0123456789ABCDEF0123456789'
const A_EC5 = { client_id: '153', client_secret: 'XUA4Ys657g7TrJc1XIe4ske2Ho3IvAUQviGMA6aG' }
const A_REDOX_CLIENT = '0d6f2c1e-8b4a-4f7e-9c3d-5a1b2e3f4d50'
const RIVER = 'ec5-river-watch'
const FHIR_READ = `/redox/fhir/R4/redox-fhir-sandbox/Development/Patient/${PATIENT_ID}`

let b: RunningServer
let a: RunningServer
let aWorld: World
const recordings = mkdtempSync(join(tmpdir(), 'standin-provider-recordings-'))

beforeAll(async () => {
  const upstream = await createStandin({
    scenario: upstreamScenario({ fixture: 'redox/keys/demo-public.jwk.json' }),
  })
  b = await serveApp(upstream.fetch, { host: '127.0.0.1', port: 0 })
  const proxy = await createStandin({
    scenario: 'default',
    fixtures: new FsFixtureStore([recordings, 'fixtures']),
    config: {
      routes: upstreamRoutes('proxy'),
      ...upstreamConfig(b.url),
    },
    proxy: {
      secrets: nodeSecretReader(upstreamEnv(DEMO_PRIVATE_JWK)),
    },
  })
  aWorld = proxy.world
  a = await serveApp(proxy.fetch, { host: '127.0.0.1', port: 0 })
})

afterAll(async () => {
  await a.close()
  await b.close()
})

const redcapProject = () =>
  fetch(`${a.url}/redcap/api/`, {
    method: 'POST',
    body: new URLSearchParams({ token: A_REDCAP_TOKEN, content: 'project', format: 'json' }),
  })

async function ec5Token(): Promise<string> {
  const response = await fetch(`${a.url}/epicollect/api/oauth/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', ...A_EC5 }),
  })
  return ((await response.json()) as { access_token: string }).access_token
}

async function redoxToken(): Promise<string> {
  const aud = `${a.url}/redox/v2/auth/token`
  const response = await fetch(aud, {
    method: 'POST',
    body: tokenForm(await signAssertion({ clientId: A_REDOX_CLIENT, aud })),
  })
  return ((await response.json()) as { access_token: string }).access_token
}

const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } })

async function reads(ec5: string, redox: string) {
  const text = async (r: Response) => ({ status: r.status, body: await r.text() })
  return {
    redcap: await text(await redcapProject()),
    epicollect: await text(
      await fetch(`${a.url}/epicollect/api/export/entries/${RIVER}?per_page=3`, bearer(ec5)),
    ),
    redox: await text(await fetch(`${a.url}${FHIR_READ}`, bearer(redox))),
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

async function setModes(mode: Parameters<typeof upstreamRoutes>[0]) {
  const response = await fetch(`${a.url}/_standin/routes`, {
    method: 'PUT',
    body: JSON.stringify({ routes: upstreamRoutes(mode) }),
  })
  expect(response.status).toBe(200)
}

describe('proxying all three providers through another standin', () => {
  it('reads B data with only A credentials, and B secrets appear nowhere in A', async () => {
    const got = await reads(await ec5Token(), await redoxToken())
    expect(got.redcap.status).toBe(200)
    expect((JSON.parse(got.redcap.body) as { project_id: number }).project_id).toBe(77)
    expect(got.epicollect.status).toBe(200)
    expect(got.redox.status).toBe(200)
    const proxied = aWorld.journal.list(50).filter((e) => e.outcome === 'proxied')
    expect(new Set(proxied.map((e) => e.provider))).toEqual(
      new Set(['redcap', 'epicollect', 'redox']),
    )
    const seen =
      JSON.stringify(got) +
      JSON.stringify(aWorld.journal.list()) +
      JSON.stringify(aWorld.credentials.list())
    for (const secret of [
      UPSTREAM_REDCAP_TOKEN,
      UPSTREAM_EC5_SECRET,
      DEMO_PRIVATE_JWK.d as string,
    ]) {
      expect(seen).not.toContain(secret)
    }
  })

  it('refuses a force-expired local token with the provider expiry error even in proxy mode', async () => {
    const token = await redoxToken()
    const id = aWorld.credentials.lookup('redox', token)
    if (!id.found) throw new Error('no local token')
    await fetch(`${a.url}/_standin/tokens/${id.credential.id}/expire`, { method: 'POST' })
    const response = await fetch(`${a.url}${FHIR_READ}`, bearer(token))
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 401,
      body: { error: 'invalid_token', error_description: 'Authentication failed' },
    })
  })

  it('records through A, then replays the same answers with B stopped', async () => {
    await setModes('record')
    const ec5 = await ec5Token()
    const redox = await redoxToken()
    const recorded = await reads(ec5, redox)
    expect([recorded.redcap.status, recorded.epicollect.status, recorded.redox.status]).toEqual([
      200, 200, 200,
    ])
    const files = filesUnder(recordings)
    expect(files.length).toBeGreaterThan(0)
    const written = files.map((f) => readFileSync(f, 'utf8')).join('\n')
    for (const secret of [UPSTREAM_REDCAP_TOKEN, UPSTREAM_EC5_SECRET, A_REDCAP_TOKEN, ec5, redox]) {
      expect(written).not.toContain(secret)
    }
    await b.close()
    await setModes('replay')
    expect(await reads(ec5, redox)).toEqual(recorded)
  })
})
