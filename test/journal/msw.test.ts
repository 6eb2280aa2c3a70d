import { setupServer } from 'msw/node'
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { createStandinHandlers } from '../../src/msw/index.js'
import { createControlClient } from '../../src/testing/index.js'
import { ALICE_CLASSIC } from '../providers/redcap/support.js'

const REDCAP = 'https://redcap.example.edu'
const server = setupServer(...createStandinHandlers({ redcap: REDCAP, scenario: 'default' }))
const standin = createControlClient('http://standin.local')

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' })
})
beforeEach(() => standin.reset())
afterAll(() => {
  server.close()
})

async function control(path: string, body: unknown): Promise<unknown> {
  const response = await fetch(`http://standin.local/_standin${path}`, {
    method: 'POST',
    body: JSON.stringify(body),
  })
  return response.json()
}

function multipart(fields: Record<string, string>): FormData {
  const form = new FormData()
  for (const [name, value] of Object.entries(fields)) form.append(name, value)
  return form
}

it('journals a multipart REDCap call through MSW with its token redacted, and counts it', async () => {
  const response = await fetch(`${REDCAP}/api/`, {
    method: 'POST',
    body: multipart({ token: ALICE_CLASSIC, content: 'version' }),
  })
  expect(response.status).toBe(200)
  const [entry] = await standin.requests({ limit: 1 })
  expect(entry?.request.body).toMatchObject({
    form: { token: '[redacted]', content: 'version' },
    omitted: 'multipart',
  })
  expect(JSON.stringify(entry)).not.toContain(ALICE_CLASSIC)
  expect(await control('/requests/count', { form: { content: 'version' } })).toEqual({ count: 1 })
})

it('answers a stubbed multipart call on the real hostname', async () => {
  await control('/overrides', {
    provider: 'redcap',
    match: { form: { content: 'alerts' } },
    respond: { json: [] },
  })
  const response = await fetch(`${REDCAP}/api/`, {
    method: 'POST',
    body: multipart({ token: ALICE_CLASSIC, content: 'alerts' }),
  })
  expect([response.status, await response.text()]).toEqual([200, '[]'])
  expect(await control('/requests/count', { outcome: 'stubbed' })).toEqual({ count: 1 })
})

it('snapshots a record imported through MSW, without the token, and the snapshot loads back', async () => {
  const data = JSON.stringify([{ record_id: '77', first_name: 'Through', last_name: 'MSW' }])
  const imported = await fetch(`${REDCAP}/api/`, {
    method: 'POST',
    body: multipart({ token: ALICE_CLASSIC, content: 'record', format: 'json', data }),
  })
  expect(await imported.text()).toBe('{"count": 1}')
  const snapshot = await standin.snapshot()
  const text = JSON.stringify(snapshot)
  expect(text).toContain('"Through"')
  expect(text).not.toContain(ALICE_CLASSIC)
  await standin.reset()
  await standin.loadScenario(snapshot)
  expect(JSON.stringify(await standin.snapshot())).toBe(text)
})
