import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createTestStandin, type TestStandin } from '../../../src/testing/index.js'
import { FHIR, PATIENT_ID, bearer, obtainToken, options } from './support.js'

const BASE = `http://localhost${FHIR}`
const fixture = (name: string) =>
  JSON.parse(
    readFileSync(new URL(`../../../fixtures/redox/fhir/${name}.json`, import.meta.url), 'utf8'),
  ) as {
    entry: { resource: { resourceType: string; id: string } }[]
  }
const OKAFOR = fixture('james-okafor').entry.map((e) => e.resource)
const idsOf = (type: string, ...names: string[]) =>
  OKAFOR.filter(
    (r) => r.resourceType === type && names.some((n) => JSON.stringify(r).includes(n)),
  ).map((r) => r.id)

async function session(): Promise<{
  t: TestStandin
  get: (path: string) => Promise<Response>
  post: (path: string, body: string, type: string) => Promise<Response>
}> {
  const t = await createTestStandin(options)
  const token = await obtainToken(t)
  return {
    t,
    get: (path) => t.request(`${FHIR}${path}`, bearer(token)),
    post: (path, body, type) =>
      t.request(
        `${FHIR}${path}`,
        bearer(token, { method: 'POST', body, headers: { 'content-type': type } }),
      ),
  }
}

async function answer(response: Response) {
  return { status: response.status, body: (await response.json()) as unknown }
}

function outcome(code: string, diagnostics: string) {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics }] }
}

function searchset(self: string, type: string, ids: string[], total = ids.length) {
  return {
    resourceType: 'Bundle',
    id: expect.stringMatching(/^[0-9a-f-]{36}$/) as string,
    type: 'searchset',
    total,
    link: [{ relation: 'self', url: `${BASE}/${self}` }],
    entry: ids.map((id) => ({
      fullUrl: `${BASE}/${type}/${id}`,
      resource: expect.objectContaining({ resourceType: type, id }) as unknown,
      search: { mode: 'match' },
    })),
  }
}

describe('the FHIR API', () => {
  it('reads a Patient exactly as the fixture holds it', async () => {
    const { get } = await session()
    const response = await get(`/Patient/${PATIENT_ID}`)
    expect(response.headers.get('content-type')).toBe('application/fhir+json; charset=utf-8')
    expect(await answer(response)).toEqual({ status: 200, body: OKAFOR[0] })
  })

  it('sends a read as compact JSON, the same bytes every time', async () => {
    const { get } = await session()
    const first = await (await get(`/Patient/${PATIENT_ID}`)).text()
    const second = await (await get(`/Patient/${PATIENT_ID}`)).text()
    expect(first).toBe(JSON.stringify(OKAFOR[0]))
    expect(second).toBe(first)
  })

  it('searches by GET and answers a searchset Bundle', async () => {
    const { get } = await session()
    const query = `patient=${PATIENT_ID}&category=laboratory`
    expect(await answer(await get(`/Observation?${query}`))).toEqual({
      status: 200,
      body: searchset(
        `Observation?${query}`,
        'Observation',
        idsOf('Observation', 'Hemoglobin A1c', 'Glucose', 'Troponin'),
      ),
    })
  })

  it.each([
    [
      'given, family and birthdate, accents folded',
      'given=chloe&family=TREMB&birthdate=1992-07-25',
      1,
    ],
    [
      'identifier system|value',
      'identifier=urn:oid:1.2.840.114350.1.13.0.1.7.5.737384.14|0000100871',
      1,
    ],
    ['identifier value only', 'identifier=0000100234', 1],
    ['_id', `_id=${PATIENT_ID}`, 1],
    ['demographics that match nobody', 'given=Ada&family=Lovelace&birthdate=1815-12-10', 0],
  ])('searches Patients by POST _search with %s', async (_, form, total) => {
    const { post } = await session()
    const response = await post('/Patient/_search', form, 'application/x-www-form-urlencoded')
    const body = (await response.json()) as { total: number; type: string }
    expect({ status: response.status, type: body.type, total: body.total }).toEqual({
      status: 200,
      type: 'searchset',
      total,
    })
  })

  it('honours date prefixes, comma alternatives and _count', async () => {
    const { get } = await session()
    const recent = await answer(
      await get(`/Observation?subject=Patient/${PATIENT_ID}&date=ge2025-12`),
    )
    expect(recent.body).toEqual(
      searchset(
        `Observation?subject=Patient%2F${PATIENT_ID}&date=ge2025-12`,
        'Observation',
        idsOf('Observation', 'Blood pressure', 'Heart rate', 'Troponin'),
      ),
    )
    const either = (await (
      await get(`/Condition?patient=${PATIENT_ID}&code=E11.9,I10`)
    ).json()) as { total: number }
    expect(either.total).toBe(2)
    const counted = (await (await get(`/Observation?patient=${PATIENT_ID}&_count=1`)).json()) as {
      total: number
      entry: unknown[]
    }
    expect({ total: counted.total, entries: counted.entry.length }).toEqual({
      total: 5,
      entries: 1,
    })
  })

  it.each([
    [
      'a malformed date',
      '/Observation?date=ge2025-13-40',
      400,
      outcome('invalid', 'Invalid date "ge2025-13-40" for search parameter "date"'),
    ],
    [
      'a compartment search, which Redox does not document',
      `/Patient/${PATIENT_ID}/Observation`,
      404,
      outcome(
        'not-found',
        `Compartment search is not supported; search Observation with patient=${PATIENT_ID}`,
      ),
    ],
    [
      'a modifier',
      '/Patient?family:exact=Okafor',
      400,
      outcome('invalid', 'Unknown search modifier in "family:exact"'),
    ],
    [
      'a Patient search without identifying criteria',
      '/Patient?family=Okafor',
      400,
      outcome('invalid', 'Patient search requires _id, identifier, or given, family and birthdate'),
    ],
    [
      'an unknown id',
      '/Patient/00000000-0000-4000-a000-000000000000',
      404,
      outcome('not-found', 'Resource Patient/00000000-0000-4000-a000-000000000000 is not known'),
    ],
    [
      'an unsupported type',
      '/Spaceship?_id=1',
      404,
      outcome('not-found', 'Resource type Spaceship is not supported'),
    ],
  ])('refuses %s with an OperationOutcome', async (_, path, status, body) => {
    const { get } = await session()
    expect(await answer(await get(path))).toEqual({ status, body })
  })

  it('refuses another environment with 403 and an unknown destination with 404', async () => {
    const { t } = await session()
    const token = await obtainToken(t)
    const production = await t.request(
      `/redox/fhir/R4/redox-fhir-sandbox/Production/Patient/${PATIENT_ID}`,
      bearer(token),
    )
    expect(await answer(production)).toEqual({
      status: 403,
      body: outcome('forbidden', 'The access token is not valid for the Production environment'),
    })
    const elsewhere = await t.request(
      `/redox/fhir/R4/some-ehr/Development/Patient/${PATIENT_ID}`,
      bearer(token),
    )
    expect(await answer(elsewhere)).toEqual({
      status: 404,
      body: outcome('not-found', 'Unknown destination "some-ehr"'),
    })
  })

  const message = {
    resourceType: 'Bundle',
    type: 'message',
    entry: [
      {
        resource: {
          resourceType: 'MessageHeader',
          id: 'hdr-1',
          eventUri: 'https://fhir.redoxengine.com/EventDefinition/PatientUpdate',
          source: { endpoint: 'urn:example' },
        },
      },
      { resource: { resourceType: 'Patient', id: PATIENT_ID } },
    ],
  }

  it('acknowledges a $-operation message Bundle', async () => {
    const { t, post } = await session()
    const response = await post(
      '/Patient/$patient-update',
      JSON.stringify(message),
      'application/fhir+json',
    )
    expect(await answer(response)).toEqual({
      status: 200,
      body: {
        resourceType: 'Bundle',
        id: expect.any(String) as string,
        type: 'message',
        timestamp: '2026-01-15T09:00:00.000Z',
        entry: [
          {
            fullUrl: expect.stringMatching(/^urn:uuid:/) as string,
            resource: {
              resourceType: 'MessageHeader',
              id: expect.any(String) as string,
              eventUri: 'https://fhir.redoxengine.com/EventDefinition/PatientUpdate',
              source: { name: 'Redox', endpoint: BASE },
              response: { identifier: 'hdr-1', code: 'ok' },
            },
          },
        ],
      },
    })
    const state = (await (await t.request('/_standin/state')).json()) as {
      providers: { redox: { received: unknown } }
    }
    expect(state.providers.redox.received).toEqual({ fhirOperations: 1, dataModel: 0 })
  })

  it.each([
    [
      'a non-Bundle',
      JSON.stringify({ resourceType: 'Patient' }),
      'application/fhir+json',
      400,
      outcome('invalid', 'Patient/$patient-update takes a Bundle'),
    ],
    [
      'a collection Bundle',
      JSON.stringify({ ...message, type: 'collection' }),
      'application/json',
      400,
      outcome('invalid', 'The Bundle type must be message'),
    ],
    [
      'a Bundle without a MessageHeader',
      JSON.stringify({ ...message, entry: message.entry.slice(1) }),
      'application/fhir+json',
      400,
      outcome('invalid', 'The first entry of a message Bundle must be a MessageHeader'),
    ],
    [
      'a header without an event',
      JSON.stringify({ ...message, entry: [{ resource: { resourceType: 'MessageHeader' } }] }),
      'application/fhir+json',
      400,
      outcome('invalid', 'The MessageHeader needs an eventUri or eventCoding'),
    ],
    [
      'broken JSON',
      '{',
      'application/fhir+json',
      400,
      outcome('invalid', 'The request body is not valid JSON'),
    ],
    [
      'a form body',
      'a=b',
      'application/x-www-form-urlencoded',
      415,
      outcome('not-supported', 'Content-Type must be application/fhir+json'),
    ],
  ])('refuses %s posted to a $-operation', async (_, body, type, status, expected) => {
    const { post } = await session()
    expect(await answer(await post('/Patient/$patient-update', body, type))).toEqual({
      status,
      body: expected,
    })
  })

  it('answers POST on anything but _search or a $-operation with 405', async () => {
    const { post } = await session()
    expect(
      await answer(await post(`/Patient/${PATIENT_ID}`, '{}', 'application/fhir+json')),
    ).toEqual({
      status: 405,
      body: outcome('not-supported', `POST is not supported on Patient/${PATIENT_ID}`),
    })
  })
})
