/**
 * Verify what the app sent, and stub what standin does not simulate: REDCap's `content=alerts`
 * answers with a canned list, and `expectRequests` checks the calls the client made.
 */
import { setupServer } from 'msw/node'
import { createStandinHandlers } from 'standin/msw'
import { createControlClient, expectRequests } from 'standin/testing'
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { redcapClient } from '../clients/redcap.js'

const REDCAP = 'https://redcap.example.edu'
const TOKEN = 'ABCDEF0123456789ABCDEF0123456789' // the default scenario's token for alice
const server = setupServer(...createStandinHandlers({ redcap: REDCAP }))
const standin = createControlClient('http://standin.local')

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' })
})
beforeEach(() => standin.reset())
afterAll(() => {
  server.close()
})

it('answers a stubbed REDCap content and verifies the calls the client made', async () => {
  await standin.stubs.add({
    provider: 'redcap',
    match: { form: { content: 'alerts' } },
    respond: { json: [{ alert_id: '1', alert_title: 'Follow-up due' }] },
  })
  const client = redcapClient(REDCAP, TOKEN)
  const alerts = JSON.parse(await client.call({ content: 'alerts' })) as unknown
  expect(alerts).toEqual([{ alert_id: '1', alert_title: 'Follow-up due' }])
  await client.version()

  await expectRequests(standin, { method: 'POST', form: { content: 'alerts' } }).toHaveCount(1)
  await expectRequests(standin, { form: { content: 'version', format: 'json' } }).toHaveBeenMade()
  await expectRequests(standin, { form: { content: 'record' } }).notToHaveBeenMade()
  // The token reached standin, but the journal keeps it redacted.
  const [latest] = await standin.requests({ provider: 'redcap', limit: 1 })
  expect(latest?.request.body?.form).toMatchObject({ token: '[redacted]', content: 'version' })
})
