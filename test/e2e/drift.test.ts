/**
 * Drift end to end: standin B plays the real service with three deliberate differences from the
 * default scenario (REDCap reports another version, Epicollect5 allows two entries exports a
 * minute, REDCap's classic project has one more field), standin A records a client's session
 * through its proxy from B, and `standin drift` against the default scenario reports exactly those
 * differences, naming the setting that closes each, in text, JSON and JUnit.
 */
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import type { DriftReport } from '../../src/drift/report.js'
import { createStandin } from '../../src/node/create.js'
import { FsFixtureStore } from '../../src/node/fs-fixture-store.js'
import { nodeSecretReader } from '../../src/node/proxy-ports.js'
import { serveApp, type RunningServer } from '../../src/node/serve.js'
import {
  DEMO_PRIVATE_JWK,
  PATIENT_ID,
  signAssertion,
  tokenForm,
} from '../providers/redox/support.js'
import { runBin } from '../support/cli.js'

const REDCAP_TOKEN = 'ABCDEF0123456789ABCDEF0123456789'
const EC5 = { client_id: '153', client_secret: 'XUA4Ys657g7TrJc1XIe4ske2Ho3IvAUQviGMA6aG' }
const REDOX_CLIENT = '0d6f2c1e-8b4a-4f7e-9c3d-5a1b2e3f4d50'
const FHIR = '/redox/fhir/R4/redox-fhir-sandbox/Development'

const root = mkdtempSync(join(tmpdir(), 'standin-drift-'))
const recordings = join(root, 'recordings')
let a: RunningServer
let b: RunningServer

/** B's fixtures: the shipped ones, but the classic REDCap project has one more field. */
function upstreamFixtures(): FsFixtureStore {
  const dir = join(root, 'upstream-fixtures')
  const classic = join(dir, 'redcap', 'classic')
  mkdirSync(classic, { recursive: true })
  for (const file of ['project.json', 'records.csv'])
    copyFileSync(join('fixtures/redcap/classic', file), join(classic, file))
  const metadata = readFileSync('fixtures/redcap/classic/metadata.csv', 'utf8').trimEnd()
  writeFileSync(
    join(classic, 'metadata.csv'),
    `${metadata}\nextra_note,health,,text,Extra note,,,,,,,,,,,,,\n`,
  )
  return new FsFixtureStore([dir, 'fixtures'])
}

function upstreamScenario(): Record<string, unknown> {
  const scenario = parse(readFileSync('scenarios/default.yaml', 'utf8')) as {
    providers: { redcap: Record<string, unknown>; epicollect: Record<string, unknown> }
  }
  scenario.providers.redcap.version = '14.0.0'
  scenario.providers.epicollect.rateLimits = { entriesPerMinute: 2 }
  return scenario
}

beforeAll(async () => {
  const upstream = await createStandin({
    scenario: upstreamScenario(),
    fixtures: upstreamFixtures(),
  })
  b = await serveApp(upstream.fetch, { host: '127.0.0.1', port: 0 })
  const recorder = await createStandin({
    scenario: 'default',
    fixtures: new FsFixtureStore([root, 'fixtures']),
    config: {
      routes: [
        { provider: 'redcap', path: '/api/', mode: 'record' },
        { provider: 'epicollect', path: '/api/export/**', mode: 'record' },
        { provider: 'redox', path: '/fhir/**', mode: 'record' },
      ],
      upstreams: {
        redcap: { url: `${b.url}/redcap` },
        epicollect: { url: `${b.url}/epicollect` },
        redox: { url: `${b.url}/redox` },
      },
      credentials: {
        redcap: { token: { env: 'REAL_REDCAP_TOKEN' } },
        epicollect: { clientId: { env: 'REAL_EC5_ID' }, clientSecret: { env: 'REAL_EC5_SECRET' } },
        redox: { clientId: { env: 'REAL_REDOX_CLIENT' }, privateKey: { env: 'REAL_REDOX_KEY' } },
      },
    },
    proxy: {
      secrets: nodeSecretReader({
        REAL_REDCAP_TOKEN: REDCAP_TOKEN,
        REAL_EC5_ID: EC5.client_id,
        REAL_EC5_SECRET: EC5.client_secret,
        REAL_REDOX_CLIENT: REDOX_CLIENT,
        REAL_REDOX_KEY: JSON.stringify(DEMO_PRIVATE_JWK),
      }),
    },
  })
  a = await serveApp(recorder.fetch, { host: '127.0.0.1', port: 0 })
  await clientSession(a.url)
  await recordingsWritten(9)
})

afterAll(async () => {
  await a.close()
  await b.close()
})

/** Recordings are written once each body has streamed through; wait for all of them. */
async function recordingsWritten(count: number): Promise<void> {
  const files = () =>
    ['redcap', 'epicollect', 'redox'].flatMap((p) => {
      try {
        return readdirSync(join(recordings, p)).filter((f) => f.endsWith('.json'))
      } catch {
        return []
      }
    })
  for (let i = 0; i < 100 && files().length < count; i++)
    await new Promise((resolve) => setTimeout(resolve, 50))
  expect(files()).toHaveLength(count)
}

/** What an app does: REDCap exports, Epicollect5 entries pages, Redox FHIR reads and a search. */
async function clientSession(base: string): Promise<void> {
  const redcap = (fields: Record<string, string>) =>
    fetch(`${base}/redcap/api/`, {
      method: 'POST',
      body: new URLSearchParams({ token: REDCAP_TOKEN, ...fields }),
    }).then((r) => r.text())
  await redcap({ content: 'version' })
  await redcap({ content: 'metadata', format: 'json' })
  await redcap({ content: 'record', format: 'json', type: 'flat' })
  await redcap({ content: 'record', format: 'csv', type: 'flat' })

  const ec5 = (await fetch(`${base}/epicollect/api/oauth/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', ...EC5 }),
  }).then((r) => r.json())) as { access_token: string }
  for (const page of ['1', '2', '3']) {
    await fetch(`${base}/epicollect/api/export/entries/ec5-river-watch?per_page=2&page=${page}`, {
      headers: { authorization: `Bearer ${ec5.access_token}` },
    }).then((r) => r.text())
  }

  const aud = `${base}/redox/v2/auth/token`
  const redox = (await fetch(aud, {
    method: 'POST',
    body: tokenForm(await signAssertion({ clientId: REDOX_CLIENT, aud })),
  }).then((r) => r.json())) as { access_token: string }
  const bearer = { headers: { authorization: `Bearer ${redox.access_token}` } }
  await fetch(`${base}${FHIR}/Patient/${PATIENT_ID}`, bearer).then((r) => r.text())
  await fetch(`${base}${FHIR}/Patient?family=Smith`, bearer).then((r) => r.text())
}

/** The deliberate differences, each with the setting that closes it. */
const EXPECTED = [
  ['epicollect', 'GET /api/export/entries/{slug}', 'status', '', 'providers.epicollect.rateLimits'],
  ['redcap', 'POST /api/ content=metadata', 'length', '', 'providers.redcap.projects[].fixture'],
  [
    'redcap',
    'POST /api/ content=record',
    'missing',
    '[].extra_note',
    'providers.redcap.projects[].fixture',
  ],
  [
    'redcap',
    'POST /api/ content=record',
    'missing',
    'extra_note',
    'providers.redcap.projects[].fixture',
  ],
  ['redcap', 'POST /api/ content=version', 'value', '', 'providers.redcap.version'],
]

function summary(report: DriftReport) {
  return report.findings
    .map((f) => [f.provider, f.route, f.kind, f.path, f.setting?.setting ?? 'gap'])
    .sort((x, y) => x.join(' ').localeCompare(y.join(' ')))
}

describe('standin drift', () => {
  it('records which local credential the app used, by identity only', () => {
    const dir = join(recordings, 'redcap')
    const file = readdirSync(dir).find((f) => f.includes('version'))
    const text = readFileSync(join(dir, String(file)), 'utf8')
    const recorded = (JSON.parse(text) as { recorded: Record<string, unknown> }).recorded
    expect(recorded.credential).toEqual({
      kind: 'api_token',
      subject: 'alice',
      attributes: { projectId: '13', username: 'alice' },
    })
    expect(typeof recorded.at).toBe('string')
    expect(text).not.toContain(REDCAP_TOKEN)
  })

  it('reports exactly the deliberate differences, as JSON, and exits 1', async () => {
    const run = runBin(['drift', '--recordings', recordings, '--format', 'json'])
    expect(await run.exit).toBe(1)
    const report = JSON.parse(run.stdout()) as DriftReport
    expect(summary(report)).toEqual(EXPECTED)
    expect(report.exchanges).toBe(9)
    expect(report.skipped).toEqual([])
    const version = report.findings.find((f) => f.route.endsWith('content=version'))
    expect([version?.recorded, version?.simulated]).toEqual(['14.0.0', '15.7.6'])
    const limited = report.findings.find((f) => f.kind === 'status')
    expect(limited?.recorded).toMatch(/^429 ec5_255 /)
    expect([limited?.simulated, limited?.exchanges]).toEqual(['200', 1])
  })

  it('says the same in text, ranked and grouped by provider and route', async () => {
    const run = runBin(['drift', '--recordings', recordings])
    expect(await run.exit).toBe(1)
    const text = run.stdout()
    expect(text).toMatch(
      /^drift against scenario "default": 9 exchanges replayed, 5 differ; 5 differences, 5 unexplained\n/,
    )
    expect(text).toContain(
      '  POST /api/ content=version\n    value: real service "14.0.0", standin "15.7.6"',
    )
    expect(text).toContain('scenario setting providers.redcap.version could close it')
    expect(text).toContain('status: real service "429 ec5_255')
  })

  it('writes JUnit with one case per route and a failure per difference', async () => {
    const run = runBin(['drift', '--recordings', recordings, '--format', 'junit'])
    expect(await run.exit).toBe(1)
    const xml = run.stdout()
    expect(xml).toContain('<testsuites name="standin drift" tests="6" failures="5">')
    expect(xml.match(/<failure /g)).toHaveLength(5)
    expect(xml).toContain(
      '<testcase classname="drift.redox" name="GET /redox/fhir/R4/{destination}/{environment}/Patient/{id}"/>',
    )
    expect(xml).toContain('<failure type="value" message="value: real service &quot;14.0.0&quot;')
  })

  it('answers POST /_standin/drift with the recordings in its own fixtures', async () => {
    const response = await fetch(`${a.url}/_standin/drift`, { method: 'POST', body: '{}' })
    expect(response.status).toBe(200)
    expect(summary((await response.json()) as DriftReport)).toEqual(EXPECTED)
  })

  it('closes the version and rate-limit differences with a scenario that sets them as the real service does', async () => {
    const dir = join(root, 'scenarios')
    mkdirSync(dir, { recursive: true })
    const scenario = upstreamScenario()
    writeFileSync(join(dir, 'like-upstream.json'), JSON.stringify(scenario))
    const run = runBin([
      'drift',
      '--recordings',
      recordings,
      '--scenario',
      join(dir, 'like-upstream.json'),
    ])
    expect(await run.exit).toBe(1) // the extra field lives in a fixture this scenario does not change
    const text = run.stdout()
    expect(text).not.toContain('content=version')
    expect(text).not.toContain('status:')
    expect(text).toContain('extra_note')
  })
})
