/**
 * Every kind of secret standin knows, sent over the wire the way clients send it to the built bin
 * (mock and record mode, an admin token, JSON access log with headers), then searched for in every
 * place standin writes: as sent, URL-encoded and base64. None may appear.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startStandin } from '../../src/testing/index.js'
import { ALICE_SUPER } from '../providers/redcap/support.js'
import {
  controlPlaces,
  journalPlaces,
  listen,
  recordingPlaces,
  snapshotPlaces,
  type Places,
} from './secrets/places.js'
import { serveWithProxy, type Served } from './secrets/served.js'
import { epicollectTraffic } from './secrets/epicollect-traffic.js'
import { recordedTraffic } from './secrets/recorded-traffic.js'
import { redcapTraffic } from './secrets/redcap-traffic.js'
import { redoxTraffic } from './secrets/redox-traffic.js'
import { Secrets } from './secrets/secrets.js'
import { startUpstream, type Upstream } from './secrets/upstream.js'
import { UPSTREAM_EC5_SECRET, UPSTREAM_REDCAP_TOKEN } from '../support/upstream-world.js'

let upstream: Upstream
let served: Served

beforeAll(async () => {
  upstream = await startUpstream()
  served = await serveWithProxy(upstream)
})

afterAll(async () => {
  await served.stop()
  await upstream.close()
})

/** The forms a secret travels in: as is, in a URL or form, and base64 (HTTP Basic, binary bodies). */
function formsOf(secret: string): Record<string, string> {
  const bytes = Buffer.from(secret)
  return {
    'as sent': secret,
    'URL-encoded': encodeURIComponent(secret),
    base64: bytes.toString('base64'),
    base64url: bytes.toString('base64url'),
  }
}

function leaks(secrets: ReadonlyMap<string, string>, places: Places): string[] {
  const found: string[] = []
  for (const [kind, secret] of secrets) {
    const forms = Object.entries(formsOf(secret))
    for (const [place, text] of Object.entries(places)) {
      const shown = forms.filter(([, form]) => text.includes(form)).map(([name]) => name)
      if (shown.length > 0) found.push(`${kind} (${[...new Set(shown)].join(', ')}) in ${place}`)
    }
  }
  return found
}

it('keeps every secret out of the journal, events, snapshot, control answers, log and recordings', async () => {
  const s = served
  const secrets = new Secrets()
  const events = listen(s)
  await events.ready

  await redcapTraffic(s, secrets)
  const epicollect = await epicollectTraffic(s, secrets)
  const redox = await redoxTraffic(s, secrets)

  // Record mode: the local tokens above buy the upstream's answers with credentials from the
  // environment, which standin then holds and obtains (tokens, signed assertions) on its own.
  await s.routes('record')
  await recordedTraffic(s, secrets, { epicollect, redox: redox.token })
  secrets.add('upstream REDCap token', UPSTREAM_REDCAP_TOKEN)
  secrets.add('upstream Epicollect5 client secret', UPSTREAM_EC5_SECRET)
  for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi'] as const)
    secrets.add(`upstream Redox private key (${member})`, String(upstream.redoxKey[member]))
  secrets.add('upstream Redox private key (as configured)', JSON.stringify(upstream.redoxKey))
  for (const [i, seen] of upstream.seenSecrets().entries())
    secrets.add(`a secret the upstream saw or issued (#${String(i + 1)})`, seen)
  await s.routes('mock')

  expect(secrets.surprises).toEqual([])
  const places: Places = {
    ...(await journalPlaces(s)),
    ...(await snapshotPlaces(s)),
    ...(await controlPlaces(s, redox.clientId)),
    events: await events.stop(),
    ...recordingPlaces(s.dir),
  }
  expect(await s.stop()).toBe(0)
  places['access log (stderr)'] = s.stderr()

  // Each place holds what happened, secrets redacted, so a search that finds nothing means something.
  const journal = JSON.parse(places['GET /requests']?.split('\n')[1] ?? '{}') as { total: number }
  expect(journal.total).toBeGreaterThan(30)
  expect(places['GET /requests']).toContain('"outcome":"proxied"')
  expect(places['GET /requests']).toContain('[redacted]')
  expect(places.events?.match(/^event: request:end$/gm)).toHaveLength(journal.total)
  expect(places.events).toContain('event: recording:written')
  expect(places['access log (stderr)']?.split('\n').length).toBeGreaterThan(journal.total)
  const recordings = Object.keys(places).filter((place) => place.endsWith('.json'))
  expect(recordings.filter((place) => place.startsWith('recording '))).toHaveLength(5)
  expect(leaks(secrets.byKind, places)).toEqual([])
})

it('keeps no part of a secret that a preview cut would halve', async () => {
  // 24 characters: inside the token of `{"note":"<token>"}`, of `a=1&note=<token>` and of
  // REDCap's project create answer.
  const s = await startStandin({ scenario: 'default', config: { journalPreviewBytes: 24 } })
  try {
    const note = '5F3E2D1C0B0A99887766554433221100'
    const sent = await fetch(`${s.url}/redox/query`, {
      method: 'POST',
      body: JSON.stringify({ note }),
      headers: { 'content-type': 'application/json' },
    })
    expect(sent.status).toBe(401)
    const field = '0A1B2C3D4E5F60718293A4B5C6D7E8F9'
    const form = await fetch(`${s.url}/redcap/api/`, {
      method: 'POST',
      body: new URLSearchParams({ a: '1', note: field, token: ALICE_SUPER, content: 'version' }),
    })
    expect(form.status).toBe(200)
    const data = JSON.stringify([{ project_title: 'Cut', purpose: '0' }])
    const created = await fetch(`${s.url}/redcap/api/`, {
      method: 'POST',
      body: new URLSearchParams({ token: ALICE_SUPER, content: 'project', format: 'json', data }),
    })
    const token = await created.text()
    expect(token).toMatch(/^[0-9A-F]{32}$/)
    const journal = await (await fetch(`${s.url}/_standin/requests`)).text()
    expect(journal).toContain('"truncated":true')
    for (const secret of [note, field, token]) expect(journal).not.toContain(secret.slice(0, 8))
  } finally {
    await s.close()
  }
})
