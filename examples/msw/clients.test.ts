/**
 * The clients keep their production URLs; MSW answers them in-process through standin.
 */
import { setupServer } from 'msw/node'
import { createStandinHandlers } from 'standin/msw'
import { createControlClient } from 'standin/testing'
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { epicollectClient } from '../clients/epicollect.js'
import {
  EPICOLLECT_PROJECT,
  REDOX_DESTINATION,
  REDOX_ENVIRONMENT,
  REDOX_PATIENT_QUERY,
} from '../clients/fixtures.js'
import { redcapClient } from '../clients/redcap.js'
import { redoxClient } from '../clients/redox.js'

const REDCAP = 'https://redcap.example.edu'
const server = setupServer(...createStandinHandlers({ redcap: REDCAP }))
const standin = createControlClient('http://standin.local')

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' })
})
beforeEach(() => standin.reset())
afterAll(() => {
  server.close()
})

it('creates a REDCap project with a super token and round-trips its records', async () => {
  const { token: superToken } = await standin.redcap.createSuperToken('example_admin')
  const project = redcapClient(
    REDCAP,
    await redcapClient(REDCAP, superToken).createProject('Example'),
  )
  expect(await project.importRecords([{ record_id: '1' }, { record_id: '2' }])).toEqual({
    count: 2,
  })
  expect((await project.exportRecords()).map((row) => row.record_id)).toEqual(['1', '2'])
})

it('reads every Epicollect5 entry and gets a new token after "Revoke Token"', async () => {
  await standin.epicollect.deleteApp(EPICOLLECT_PROJECT) // the scenario's own app: one per project
  const app = await standin.epicollect.createApp(EPICOLLECT_PROJECT, 'Example app')
  const client = epicollectClient('https://five.epicollect.net', app.client_id, app.client_secret)
  const before = await client.entries(EPICOLLECT_PROJECT)
  await standin.epicollect.revokeApp(EPICOLLECT_PROJECT)
  expect(await client.entries(EPICOLLECT_PROJECT)).toEqual(before)
})

it('signs in to Redox again once the virtual clock passes the 5-minute token', async () => {
  const key = await standin.redox.createApiKey({ name: 'Example key' })
  const client = redoxClient('https://api.redoxengine.com', key.clientId, key.privateJwk!)
  const search = () =>
    client.search(REDOX_DESTINATION, REDOX_ENVIRONMENT, 'Patient', REDOX_PATIENT_QUERY)
  expect(await search()).toMatchObject({ resourceType: 'Bundle', type: 'searchset' })
  const first = client.currentToken()
  await standin.clock.advance(301)
  expect(await search()).toMatchObject({ resourceType: 'Bundle' })
  expect(client.currentToken()).not.toBe(first)
})
