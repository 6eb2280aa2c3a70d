import { readFileSync, readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createTestStandin, type TestStandin } from '../../../src/testing/index.js'
import { FHIR, PATIENT_ID, bearer, obtainToken, options } from './support.js'

interface Resource {
  readonly resourceType: string
  readonly id: string
  readonly [member: string]: unknown
}
interface Entry {
  readonly fullUrl: string
  readonly resource: Resource
  readonly search: { readonly mode: string }
}
interface SearchBundle {
  readonly total: number
  readonly link: { relation: string; url: string }[]
  readonly entry?: Entry[]
}

const DIR = new URL('../../../fixtures/redox/fhir/', import.meta.url)
const ALL = readdirSync(DIR)
  .filter((name) => name.endsWith('.json'))
  .flatMap(
    (name) =>
      (JSON.parse(readFileSync(new URL(name, DIR), 'utf8')) as { entry: { resource: Resource }[] })
        .entry,
  )
  .map((e) => e.resource)
/** The id of the one `type` whose JSON mentions `text`. */
function idOf(type: string, text: string): string {
  const found = ALL.filter((r) => r.resourceType === type && JSON.stringify(r).includes(text))
  if (found.length !== 1) throw new Error(`${String(found.length)} ${type} mention ${text}`)
  return (found[0] as Resource).id
}
const ids = (type: string) => ALL.filter((r) => r.resourceType === type).map((r) => r.id)
const PATIENTS = ids('Patient').join(',')
const KOWALSKI = idOf('Practitioner', 'Kowalski')
const TROPONIN = idOf('Observation', 'Troponin')

async function session(): Promise<{
  t: TestStandin
  get: (path: string) => Promise<SearchBundle>
}> {
  const t = await createTestStandin(options)
  const token = await obtainToken(t)
  return {
    t,
    get: async (path) => {
      const url = path.startsWith('http')
        ? new URL(path).pathname + new URL(path).search
        : `${FHIR}${path}`
      const response = await t.request(url, bearer(token))
      expect(response.status).toBe(200)
      return (await response.json()) as SearchBundle
    },
  }
}

const matched = (b: SearchBundle) =>
  (b.entry ?? []).filter((e) => e.search.mode === 'match').map((e) => e.resource.id)
const included = (b: SearchBundle) =>
  (b.entry ?? [])
    .filter((e) => e.search.mode === 'include')
    .map((e) => `${e.resource.resourceType}/${e.resource.id}`)
const familyOf = (id: string) =>
  (ALL.find((r) => r.id === id)?.name as { family: string }[] | undefined)?.[0]?.family ?? ''

describe('FHIR search parameters', () => {
  it.each([
    ['active', 'active=true', ['Tremblay', 'Okafor', 'Alvarez', 'Whitehorse']],
    ['general-practitioner', `general-practitioner=Practitioner/${KOWALSKI}`, ['Okafor']],
    ['general-practitioner as a bare id', `general-practitioner=${KOWALSKI}`, ['Okafor']],
    [
      'general-practitioner.identifier',
      'general-practitioner.identifier=http://hl7.org/fhir/sid/us-npi|1538246017',
      ['Okafor'],
    ],
    ['address-line', 'address-line=2210%20north', ['Okafor']],
    ['address-city, accents folded', 'address-city=montreal', ['Tremblay']],
    ['address-state', 'address-state=NM', ['Whitehorse']],
    ['address-postalcode', 'address-postalcode=021', ['Alvarez']],
    ['phone', 'phone=%2B1%20414-555-0187', ['Okafor']],
    ['email', 'email=jokafor@example.net', ['Okafor']],
    ['two values OR-ed', 'address-state=WI,MA', ['Okafor', 'Alvarez']],
    ['two parameters AND-ed', 'address-state=WI,MA&gender=female', ['Alvarez']],
  ])('finds Patients by %s', async (_, query, families) => {
    const { get } = await session()
    const bundle = await get(`/Patient?_id=${PATIENTS}&${query}`)
    expect(matched(bundle).map(familyOf).sort()).toEqual([...families].sort())
    expect(bundle.total).toBe(families.length)
  })

  it.each([
    ['Observation _lastUpdated', `/Observation?patient=${PATIENT_ID}&_lastUpdated=ge2025-12-15`, 3],
    [
      'Observation _lastUpdated, before',
      `/Observation?patient=${PATIENT_ID}&_lastUpdated=lt2025-12-15T22:10:00Z`,
      2,
    ],
    ['Encounter identifier', '/Encounter?identifier=175944089', 1],
    ['Condition onset-date', `/Condition?patient=${PATIENT_ID}&onset-date=lt2010`, 1],
    [
      'Condition onset-date, a year is a range',
      `/Condition?patient=${PATIENT_ID}&onset-date=2011`,
      1,
    ],
    [
      'Condition encounter',
      `/Condition?encounter=Encounter/${idOf('Encounter', 'Follow-up encounter')}`,
      2,
    ],
    [
      'MedicationRequest authoredon, repeated',
      `/MedicationRequest?patient=${PATIENT_ID}&authoredon=ge2025-09-22&authoredon=le2025-09-22`,
      2,
    ],
    [
      'MedicationRequest authoredon, a day before',
      `/MedicationRequest?patient=${PATIENT_ID}&authoredon=lt2025-09-22`,
      0,
    ],
    [
      'MedicationRequest encounter',
      `/MedicationRequest?encounter=${idOf('Encounter', 'Follow-up encounter')}`,
      2,
    ],
    [
      'Encounter date inside the period',
      `/Encounter?patient=${PATIENT_ID}&date=ge2025-12-16T01:00:00Z&date=le2025-12-16T02:00:00Z`,
      1,
    ],
  ])('applies %s', async (_, path, total) => {
    const { get } = await session()
    expect((await get(path)).total).toBe(total)
  })

  it('adds _include and _revinclude entries after the matches, each once', async () => {
    const { get } = await session()
    const observation = await get(
      `/Observation?_id=${TROPONIN}&_include=Observation:encounter&_include=Observation:performer&_include=Observation:patient`,
    )
    expect(matched(observation)).toEqual([TROPONIN])
    expect(included(observation)).toEqual([
      `Encounter/${idOf('Encounter', 'Emergency room admission')}`,
      `Practitioner/${KOWALSKI}`,
      `Patient/${PATIENT_ID}`,
    ])
    const patient = await get(
      `/Patient?_id=${PATIENT_ID}&_revinclude=DiagnosticReport:patient&_revinclude=Coverage:beneficiary`,
    )
    expect(matched(patient)).toEqual([PATIENT_ID])
    expect(included(patient)).toEqual([
      `DiagnosticReport/${idOf('DiagnosticReport', PATIENT_ID)}`,
      `Coverage/${idOf('Coverage', PATIENT_ID)}`,
    ])
    const report = await get(
      `/DiagnosticReport?patient=${PATIENT_ID}&_include=DiagnosticReport:result`,
    )
    expect(included(report)).toEqual([`Observation/${TROPONIN}`])
  })

  it('ignores an unknown parameter with a warning entry and a journal note', async () => {
    const { t, get } = await session()
    const bundle = await get(`/Observation?patient=${PATIENT_ID}&colour=blue&_include=Nothing:here`)
    expect(bundle.total).toBe(5)
    expect(bundle.link[0]?.url).toBe(`http://localhost${FHIR}/Observation?patient=${PATIENT_ID}`)
    expect(bundle.entry?.at(-1)).toEqual({
      fullUrl: expect.stringMatching(/^urn:uuid:/) as string,
      resource: {
        resourceType: 'OperationOutcome',
        id: expect.any(String) as string,
        issue: [
          {
            severity: 'warning',
            code: 'not-supported',
            diagnostics: 'The search parameter "colour" is not supported and was ignored',
          },
          {
            severity: 'warning',
            code: 'not-supported',
            diagnostics: 'The search parameter "_include" is not supported and was ignored',
          },
        ],
      },
      search: { mode: 'outcome' },
    })
    const journal = (await (await t.request('/_standin/requests?limit=1')).json()) as {
      requests: { why?: string }[]
    }
    expect(journal.requests[0]?.why).toBe('ignored search parameters: colour, _include')
  })
})

describe('FHIR paging', () => {
  it('links self, next and previous, and following next visits every match once', async () => {
    const { get } = await session()
    const all = ids('Observation')
    const seen: string[] = []
    let page = await get('/Observation?_count=4')
    let pages = 0
    for (;;) {
      pages++
      expect(page.total).toBe(all.length)
      seen.push(...matched(page))
      const relations = page.link.map((l) => l.relation)
      expect(relations.includes('previous')).toBe(pages > 1)
      const next = page.link.find((l) => l.relation === 'next')
      if (!next) break
      page = await get(next.url)
    }
    expect(pages).toBe(Math.ceil(all.length / 4))
    expect(seen).toEqual(all)
  })

  it('continues a POST _search with a plain GET', async () => {
    const { t, get } = await session()
    const token = await obtainToken(t)
    const response = await t.request(
      `${FHIR}/Observation/_search`,
      bearer(token, {
        method: 'POST',
        body: `patient=${PATIENT_ID}&_count=3`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
    )
    const first = (await response.json()) as SearchBundle
    const next = first.link.find((l) => l.relation === 'next')?.url ?? ''
    expect(next).toBe(
      `http://localhost${FHIR}/Observation?patient=${PATIENT_ID}&_count=3&_offset=3`,
    )
    const second = await get(next)
    expect([...matched(first), ...matched(second)].sort()).toEqual(
      ALL.filter(
        (r) => r.resourceType === 'Observation' && JSON.stringify(r.subject).includes(PATIENT_ID),
      )
        .map((r) => r.id)
        .sort(),
    )
    expect(second.link.find((l) => l.relation === 'previous')?.url).toBe(
      `http://localhost${FHIR}/Observation?patient=${PATIENT_ID}&_count=3`,
    )
  })
})

describe('FHIR metadata', () => {
  it.each([
    ['/redox', 'http://localhost/redox/v2/auth/token'],
    ['/redox-ca', 'http://localhost/redox-ca/v2/auth/token'],
  ])('describes %s without a token, with its token URL', async (mount, tokenUrl) => {
    const t = await createTestStandin(options)
    const response = await t.request(`${mount}/fhir/R4/redox-fhir-sandbox/Staging/metadata`)
    const statement = (await response.json()) as {
      resourceType: string
      fhirVersion: string
      rest: {
        security: { extension: { extension: { url: string; valueUri: string }[] }[] }
        resource: {
          type: string
          interaction: { code: string }[]
          searchParam: { name: string; type: string }[]
          operation?: { name: string }[]
        }[]
      }[]
    }
    expect(response.status).toBe(200)
    expect(statement.resourceType).toBe('CapabilityStatement')
    const rest = statement.rest[0]
    expect(rest?.security.extension[0]?.extension).toEqual([{ url: 'token', valueUri: tokenUrl }])
    const types = rest?.resource.map((r) => r.type)
    expect(types).toEqual([
      'AllergyIntolerance',
      'Appointment',
      'Condition',
      'Coverage',
      'DiagnosticReport',
      'DocumentReference',
      'Encounter',
      'Immunization',
      'Location',
      'MedicationRequest',
      'Observation',
      'Organization',
      'Patient',
      'Practitioner',
      'Procedure',
    ])
    const patient = rest?.resource.find((r) => r.type === 'Patient')
    expect(patient?.interaction).toEqual([{ code: 'read' }, { code: 'search-type' }])
    expect(patient?.operation).toEqual([
      {
        name: 'patient-update',
        definition: 'https://fhir.redoxengine.com/OperationDefinition/patient-update',
      },
    ])
    expect(patient?.searchParam).toContainEqual({ name: 'address-postalcode', type: 'string' })
    expect(patient?.searchParam).toContainEqual({ name: 'general-practitioner', type: 'reference' })
  })
})
