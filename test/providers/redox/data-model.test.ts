import { describe, expect, it } from 'vitest'
import { createTestStandin } from '../../../src/testing/index.js'
import { bearer, obtainToken, options } from './support.js'

const DESTINATION = { ID: 'af394f14-b34a-464f-8d24-895f370af4c9', Name: 'Redox EMR' }
const META = {
  DataModel: 'PatientAdmin',
  EventType: 'NewPatient',
  Test: true,
  Destinations: [DESTINATION],
}

async function send(body: unknown, type = 'application/json') {
  const t = await createTestStandin(options)
  const token = await obtainToken(t)
  const response = await t.request(
    '/redox/endpoint',
    bearer(token, {
      method: 'POST',
      body: typeof body === 'string' ? body : JSON.stringify(body),
      headers: { 'content-type': type },
    }),
  )
  return { status: response.status, body: (await response.json()) as unknown }
}

function metaErrors(text: string) {
  return {
    Meta: {
      Errors: [{ ID: expect.any(Number) as number, Text: text, Type: 'request', Module: 'Send' }],
    },
  }
}

describe('the Data Model API', () => {
  it('answers a send with its Meta and one log per destination', async () => {
    const second = { ID: '0f4b1c1e-5d39-4a47-9c7f-3c6f1d6f0c11', Name: 'Billing' }
    const body = {
      Meta: { ...META, Destinations: [DESTINATION, second] },
      Patient: { Identifiers: [] },
    }
    const uuid = expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4/) as string
    expect(await send(body)).toEqual({
      status: 200,
      body: {
        Meta: {
          ...body.Meta,
          Logs: [
            { ID: uuid, AttemptID: uuid },
            { ID: uuid, AttemptID: uuid },
          ],
        },
      },
    })
  })

  it.each([
    ['no Meta', { Patient: {} }, 'Meta is required'],
    ['no DataModel', { Meta: { ...META, DataModel: undefined } }, 'Meta.DataModel is required'],
    ['no EventType', { Meta: { ...META, EventType: '' } }, 'Meta.EventType is required'],
    [
      'no destinations',
      { Meta: { ...META, Destinations: [] } },
      'Meta.Destinations must list at least one destination',
    ],
    [
      'a destination without ID',
      { Meta: { ...META, Destinations: [{ Name: 'x' }] } },
      'Every destination in Meta.Destinations needs an ID',
    ],
    [
      'a query to two destinations',
      {
        Meta: {
          DataModel: 'PatientSearch',
          EventType: 'Query',
          Destinations: [DESTINATION, DESTINATION],
        },
      },
      'A query must have exactly one destination',
    ],
    ['broken JSON', '{"Meta":', 'The request body is not valid JSON'],
  ])('refuses %s with Meta.Errors', async (_, body, text) => {
    expect(await send(body)).toEqual({ status: 400, body: metaErrors(text) })
  })

  it('gives the same error the same ID, so answers replay', async () => {
    const a = (await send({ Patient: {} })).body
    const b = (await send({ Patient: {} })).body
    expect(a).toEqual(b)
  })

  it('refuses a non-JSON body with 415', async () => {
    expect(await send('Meta=1', 'application/x-www-form-urlencoded')).toEqual({
      status: 415,
      body: metaErrors('Content-Type must be application/json'),
    })
  })
})
