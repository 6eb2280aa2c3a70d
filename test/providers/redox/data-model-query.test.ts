import { describe, expect, it } from 'vitest'
import { createTestStandin } from '../../../src/testing/index.js'
import { bearer, obtainToken, options } from './support.js'

const DESTINATION = { ID: 'af394f14-b34a-464f-8d24-895f370af4c9', Name: 'Redox EMR' }

async function query(
  dataModel: string,
  eventType: string,
  patient: unknown,
  path = '/redox/query',
) {
  const t = await createTestStandin(options)
  const token = await obtainToken(t)
  const response = await t.request(
    path,
    bearer(token, {
      method: 'POST',
      body: JSON.stringify({
        Meta: { DataModel: dataModel, EventType: eventType, Destinations: [DESTINATION] },
        Patient: patient,
      }),
      headers: { 'content-type': 'application/json' },
    }),
  )
  expect(response.status).toBe(200)
  return (await response.json()) as Record<string, unknown> & {
    Meta: { EventType: string; Logs: unknown[] }
  }
}

const OKAFOR_DEMOGRAPHICS = {
  FirstName: 'James',
  MiddleName: 'Chidi',
  LastName: 'Okafor',
  DOB: '1957-11-02',
  SSN: null,
  Sex: 'Male',
  Address: {
    StreetAddress: '2210 North Prospect Avenue',
    City: 'Milwaukee',
    State: 'WI',
    ZIP: '53202',
    County: null,
    Country: 'US',
  },
  PhoneNumber: { Home: '+1 414-555-0187', Office: null, Mobile: null },
  EmailAddresses: ['jokafor@example.net'],
  Language: 'en',
}

describe('Data Model queries', () => {
  it.each([
    ['an identifier', { Identifiers: [{ ID: '0000100871', IDType: 'MR' }] }, '/redox/query'],
    [
      'demographics, any case',
      { Demographics: { FirstName: 'JAMES', LastName: 'okafor', DOB: '1957-11-02' } },
      '/redox/endpoint',
    ],
  ])('answers a PatientSearch Query by %s with the patient', async (_, patient, path) => {
    const answer = await query('PatientSearch', 'Query', patient, path)
    expect(answer.Meta.EventType).toBe('QueryResponse')
    expect(answer.Meta.Logs).toHaveLength(1)
    expect(answer.Patient).toEqual({
      Identifiers: [{ ID: '0000100871', IDType: 'MR' }],
      Demographics: OKAFOR_DEMOGRAPHICS,
      Notes: [],
    })
  })

  it('answers a PatientSearch that finds nobody with an empty Patient', async () => {
    const answer = await query('PatientSearch', 'Query', { Identifiers: [{ ID: 'nobody' }] })
    expect(answer.Patient).toEqual({ Identifiers: [], Demographics: {}, Notes: [] })
  })

  it('answers a ClinicalSummary PatientQuery with the patient summary', async () => {
    const answer = (await query('ClinicalSummary', 'PatientQuery', {
      Identifiers: [{ ID: '0000100871', IDType: 'MR' }],
    })) as unknown as Record<string, { Name?: string; Observations?: { Name: string }[] }[]> & {
      Meta: { EventType: string }
      Header: { Patient: { Demographics: { LastName: string } } }
      Procedures: { Procedures: { Name: string }[] }
    }
    expect(answer.Meta.EventType).toBe('PatientQueryResponse')
    expect(answer.Header.Patient.Demographics.LastName).toBe('Okafor')
    const names = (section: string) => (answer[section] ?? []).map((x) => x.Name)
    expect(names('Problems')).toEqual([
      'Type 2 diabetes mellitus without complications',
      'Essential hypertension',
    ])
    expect(
      (
        answer.Medications as unknown as { Product: { Name: string; CodeSystemName: string } }[]
      ).map((m) => [m.Product.Name, m.Product.CodeSystemName]),
    ).toEqual([
      ['metformin hydrochloride 500 MG Oral Tablet', 'RxNorm'],
      ['lisinopril 10 MG Oral Tablet', 'RxNorm'],
    ])
    expect(answer.Results?.[0]?.Observations?.map((o) => o.Name)).toEqual([
      'Troponin T.cardiac [Mass/volume] in Serum or Plasma',
    ])
    expect(answer.Procedures.Procedures.map((p) => p.Name)).toEqual([
      'Electrocardiographic procedure',
    ])
    expect(answer.VitalSigns?.[0]?.Observations?.map((o) => o.Name)).toEqual([
      'Systolic blood pressure',
      'Diastolic blood pressure',
      'Heart rate',
    ])
    expect(answer.Allergies).toHaveLength(1)
    expect(answer.Immunizations).toHaveLength(1)
    expect(answer.Encounters).toHaveLength(2)
  })

  it('keeps other queries to their Meta and logs', async () => {
    const answer = await query('Scheduling', 'AvailableSlots', {})
    expect(Object.keys(answer)).toEqual(['Meta'])
  })
})
