/**
 * The clients point at standin's base URLs; this file works in its own session, so test files
 * running in parallel never see each other's tokens, clock or journal.
 */
import { createControlClient, type SessionHandle } from 'standin/testing'
import { beforeAll, expect, inject, it } from 'vitest'
import { epicollectClient, EpicollectError } from '../clients/epicollect.js'
import {
  EPICOLLECT_PROJECT,
  REDOX_DESTINATION,
  REDOX_ENVIRONMENT,
  REDOX_PATIENT_QUERY,
} from '../clients/fixtures.js'
import { redcapClient, RedcapError } from '../clients/redcap.js'
import { redoxClient } from '../clients/redox.js'

let session: SessionHandle
beforeAll(async () => {
  session = await createControlClient(inject('standinUrl')).sessions.create()
})

it('refuses a REDCap token once it is regenerated', async () => {
  const { baseUrls, control } = session
  const { token: superToken } = await control.redcap.createSuperToken('example_admin')
  const token = await redcapClient(baseUrls.redcap, superToken).createProject('Example')
  const old = redcapClient(baseUrls.redcap, token)
  const { project_id } = await old.projectInfo()
  const fresh = redcapClient(
    baseUrls.redcap,
    (await control.redcap.regenerate(project_id, 'example_admin')).token,
  )
  await expect(old.exportRecords()).rejects.toEqual(
    new RedcapError(403, '{"error":"You do not have permissions to use the API"}'),
  )
  expect(await fresh.exportRecords()).toEqual([])
})

it('cannot get an Epicollect5 token once the app is deleted', async () => {
  const { baseUrls, control } = session
  await control.epicollect.deleteApp(EPICOLLECT_PROJECT) // the scenario's own app: one per project
  const app = await control.epicollect.createApp(EPICOLLECT_PROJECT, 'Example app')
  const client = epicollectClient(baseUrls.epicollect, app.client_id, app.client_secret)
  await client.entries(EPICOLLECT_PROJECT)
  await control.epicollect.deleteApp(EPICOLLECT_PROJECT)
  const fresh = epicollectClient(baseUrls.epicollect, app.client_id, app.client_secret)
  await expect(fresh.entries(EPICOLLECT_PROJECT)).rejects.toEqual(
    new EpicollectError(400, 'ec5_253'),
  )
})

it('keeps Redox regions apart: a Canada key works only on the Canada host', async () => {
  const { baseUrls, control } = session
  const key = await control.redox.createApiKey({ name: 'Canada key', region: 'ca' })
  const search = (base: string) =>
    redoxClient(base, key.clientId, key.privateJwk!).search(
      REDOX_DESTINATION,
      REDOX_ENVIRONMENT,
      'Patient',
      REDOX_PATIENT_QUERY,
    )
  expect(await search(baseUrls.redoxCa)).toMatchObject({ resourceType: 'Bundle' })
  await expect(search(baseUrls.redox)).rejects.toMatchObject({
    status: 400,
    body: {
      error: 'invalid_request',
      error_description: 'Public key not found, check client_id, kid and Redox dashboard settings',
    },
  })
})
