import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ALICE_CLASSIC } from '../providers/redcap/support.js'
import { control, redcap, serveDefault } from './support.js'

const ALERTS = [{ alert_id: '1', alert_title: 'Follow-up due' }]
const alertsStub = (extra: Record<string, unknown> = {}) => ({
  provider: 'redcap',
  match: { method: 'POST', path: '/redcap/api/', form: { content: 'alerts' } },
  respond: { status: 200, json: ALERTS },
  ...extra,
})

async function alerts(s: Awaited<ReturnType<typeof serveDefault>>, headers = {}) {
  const response = await redcap(s, { token: ALICE_CLASSIC, content: 'alerts' }, headers)
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    text: await response.text(),
  }
}

describe('stubs', () => {
  it('answer a REDCap content standin does not simulate, once, then the simulation answers', async () => {
    const s = await serveDefault()
    const simulated = await alerts(s)
    expect(simulated.status).toBe(400)
    const queued = await control(s, '/overrides', alertsStub())
    expect(queued).toMatchObject({
      status: 201,
      body: { respond: { status: 200, json: ALERTS }, sticky: false, times: 1, remaining: 1 },
    })
    // A request the matcher does not take leaves the stub armed.
    expect((await redcap(s, { token: ALICE_CLASSIC, content: 'version' })).status).toBe(200)
    expect(await alerts(s)).toEqual({
      status: 200,
      type: 'application/json',
      text: JSON.stringify(ALERTS),
    })
    expect(await alerts(s)).toEqual(simulated)
    const { requests } = (await control(s, '/requests?path=/redcap/api/')).body as {
      requests: { outcome: string; why: string; response: { body: { text: string } } }[]
    }
    const stubbed = requests[1]
    expect(stubbed).toMatchObject({
      outcome: 'stubbed',
      why: 'stubbed by control plane, override #1 (1 of 1)',
      response: { body: { text: JSON.stringify(ALERTS) } },
    })
  })

  it('answer N times, or every time when sticky until removed', async () => {
    const s = await serveDefault()
    await control(s, '/overrides', alertsStub({ times: 2 }))
    expect((await alerts(s)).status).toBe(200)
    expect((await alerts(s)).status).toBe(200)
    expect((await alerts(s)).status).toBe(400)
    const { body } = await control(s, '/overrides', alertsStub({ sticky: true }))
    for (let i = 0; i < 3; i++) expect((await alerts(s)).status).toBe(200)
    expect(await control(s, '/overrides')).toMatchObject({
      body: { overrides: [{ sticky: true, remaining: 1 }] },
    })
    await control(s, `/overrides/${String((body as { id: number }).id)}`, undefined, 'DELETE')
    expect((await alerts(s)).status).toBe(400)
  })

  it('answer with text, headers and a fixture file on a route no provider has', async () => {
    const s = await serveDefault()
    await control(s, '/overrides', {
      provider: 'redox',
      match: { path: '/redox/v2/new-endpoint' },
      respond: { status: 202, body: 'queued', headers: { 'x-request-id': 'abc' } },
    })
    await control(s, '/overrides', {
      match: { path: '/epicollect/api/export/media/*' },
      respond: { file: 'redox/fhir/chloe-tremblay.json' },
    })
    const text = await fetch(`${s.url}/redox/v2/new-endpoint`, { method: 'PUT' })
    expect([text.status, text.headers.get('x-request-id'), await text.text()]).toEqual([
      202,
      'abc',
      'queued',
    ])
    const file = await fetch(`${s.url}/epicollect/api/export/media/anything?name=x.jpg`)
    expect(file.headers.get('content-type')).toBe('application/json')
    expect(await file.text()).toBe(readFileSync('fixtures/redox/fhir/chloe-tremblay.json', 'utf8'))
  })

  it('refuse a missing fixture file, a stub with a forced outcome, and a bad status', async () => {
    const s = await serveDefault()
    for (const bad of [
      { respond: { file: 'nope/missing.json' } },
      { respond: { file: '../package.json' } },
      { respond: { body: 'x' }, outcome: 'expired' },
      { respond: { status: 99 } },
      { respond: { body: 'x', json: {} } },
    ])
      expect((await control(s, '/overrides', bad)).status, JSON.stringify(bad)).toBe(400)
  })

  it('come after Standin-Force and in queue order with forced outcomes', async () => {
    const s = await serveDefault()
    await control(s, '/overrides', alertsStub())
    expect((await alerts(s, { 'Standin-Force': 'unavailable' })).status).toBe(503)
    await control(s, '/overrides', { provider: 'redcap', status: 500 })
    // The stub was queued first, so it answers first; then the forced outcome.
    expect((await alerts(s)).status).toBe(200)
    expect((await alerts(s)).status).toBe(500)
    await control(s, '/overrides', { provider: 'redcap', status: 502 })
    await control(s, '/overrides', alertsStub())
    expect((await alerts(s)).status).toBe(502)
    expect((await alerts(s)).status).toBe(200)
  })

  it('come from a scenario stubs section and return on reset', async () => {
    const s = await serveDefault()
    const loaded = await control(s, '/scenario', {
      providers: { redcap: { projects: [] } },
      stubs: [alertsStub()],
    })
    expect(loaded.status).toBe(200)
    expect(await control(s, '/overrides')).toMatchObject({
      body: { overrides: [{ source: 'scenario' }] },
    })
    expect((await alerts(s)).text).toBe(JSON.stringify(ALERTS))
    expect(await control(s, '/overrides')).toMatchObject({ body: { overrides: [] } })
    await s.control.reset()
    expect(await control(s, '/overrides')).toMatchObject({
      body: { overrides: [{ source: 'scenario' }] },
    })
  })
})
