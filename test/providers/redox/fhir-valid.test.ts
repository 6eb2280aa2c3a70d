/**
 * Everything the FHIR API can send validates against FHIR R4: every fixture resource, every read,
 * a search with each parameter of each type (and each date prefix, `_include`, `_revinclude`,
 * paging, an ignored parameter), the CapabilityStatement of both hosts, `$`-operation answers with
 * and without a header id, and every kind of refusal as an OperationOutcome.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  RESOURCE_TYPES,
  SEARCH_PARAMETERS,
  type SearchParam,
} from '../../../src/providers/redox/routes/fhir-search-params.js'
import { createTestStandin, type TestStandin } from '../../../src/testing/index.js'
import { fhirProblems } from '../../support/fhir-validator.js'
import { FHIR, PATIENT_ID, bearer, obtainToken, options } from './support.js'

interface Resource {
  readonly resourceType: string
  readonly id: string
  readonly [member: string]: unknown
}

const DIR = new URL('../../../fixtures/redox/fhir/', import.meta.url)
const FILES = readdirSync(DIR).filter((name) => name.endsWith('.json'))
const BUNDLES = FILES.map(
  (name) =>
    JSON.parse(readFileSync(new URL(name, DIR), 'utf8')) as { entry: { resource: Resource }[] },
)
const RESOURCES = BUNDLES.flatMap((b) => b.entry.map((e) => e.resource))
const PATIENT_IDS = RESOURCES.filter((r) => r.resourceType === 'Patient').map((r) => r.id)

/** A value of `param` that the first resource holding one should match. */
function valueOf(param: SearchParam, resources: readonly Resource[]): string | undefined {
  for (const r of resources) {
    const have = [param.get(r)].flat().filter((v) => v !== undefined && v !== null)
    const first = have[0] as unknown
    if (first === undefined) continue
    if (typeof first === 'string' || typeof first === 'boolean') {
      if (param.type === 'string') return first.toString().slice(0, 3)
      return param.type === 'date' ? `ge${first.toString().slice(0, 10)}` : first.toString()
    }
    switch (param.type) {
      case 'date':
        return `ge${(first as { start: string }).start.slice(0, 10)}`
      case 'reference':
        return (first as { reference: string }).reference
      default: {
        const o = first as {
          coding?: { system: string; code: string }[]
          system?: string
          value?: string
          code?: string
        }
        const c = o.coding?.[0] ?? o
        return `${c.system ?? ''}|${(c as { code?: string }).code ?? o.value ?? ''}`
      }
    }
  }
  return undefined
}

function collect(into: { label: string; body: Resource }[]) {
  return async (label: string, response: Response) => {
    const body = (await response.json()) as Resource
    into.push({ label: `${label} (${String(response.status)})`, body })
    return body
  }
}

function problemsOf(answers: readonly { label: string; body: Resource }[]) {
  const out: Record<string, string[]> = {}
  for (const { label, body } of answers) {
    const found = fhirProblems(body)
    if (found.length > 0) out[label] = found
  }
  return out
}

async function session(): Promise<{ t: TestStandin; token: string }> {
  const t = await createTestStandin(options)
  return { t, token: await obtainToken(t) }
}

describe('FHIR R4 validity', () => {
  it('holds for every fixture resource', () => {
    expect(RESOURCES.length).toBeGreaterThanOrEqual(80)
    expect(
      problemsOf(RESOURCES.map((r) => ({ label: `${r.resourceType}/${r.id}`, body: r }))),
    ).toEqual({})
  })

  it('holds for every read and a search with each parameter of each type', async () => {
    const { t, token } = await session()
    const answers: { label: string; body: Resource }[] = []
    const keep = collect(answers)
    const get = (path: string) => t.request(`${FHIR}${path}`, bearer(token))
    for (const r of RESOURCES)
      await keep(`read ${r.resourceType}`, await get(`/${r.resourceType}/${r.id}`))
    const empty: string[] = []
    for (const type of RESOURCE_TYPES) {
      const ofType = RESOURCES.filter((r) => r.resourceType === type)
      const criteria = type === 'Patient' ? `_id=${PATIENT_IDS.join(',')}&` : ''
      for (const [name, param] of Object.entries(SEARCH_PARAMETERS[type] ?? {})) {
        const value = valueOf(param, ofType)
        if (value === undefined) {
          empty.push(`${type}.${name}`)
          continue
        }
        const query = `${criteria}${name}=${encodeURIComponent(value)}`
        const bundle = await keep(`search ${type}?${query}`, await get(`/${type}?${query}`))
        if (bundle.total === 0) empty.push(`${type}?${query}`)
        if (param.type === 'reference')
          await keep(
            `include ${type}:${name}`,
            await get(`/${type}?${query}&_include=${type}:${name}`),
          )
      }
    }
    expect(empty).toEqual([])
    for (const prefix of ['eq', 'ne', 'gt', 'ge', 'lt', 'le'])
      await keep(`date ${prefix}`, await get(`/Observation?date=${prefix}2025-10-08`))
    await keep(
      'revinclude',
      await get(
        `/Patient?_id=${PATIENT_ID}&_revinclude=Observation:patient&_revinclude=Encounter:subject`,
      ),
    )
    await keep(
      'chained',
      await get(`/Patient?_id=${PATIENT_IDS.join(',')}&general-practitioner.identifier=1538246017`),
    )
    await keep('paged', await get(`/Observation?_count=2&_offset=2`))
    await keep('ignored parameter', await get(`/Observation?colour=blue&_count=1`))
    await keep('nothing found', await get(`/Encounter?date=lt1900`))
    const posted = await t.request(
      `${FHIR}/Patient/_search`,
      bearer(token, {
        method: 'POST',
        body: `identifier=0000100871&_revinclude=Coverage:beneficiary`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
    )
    await keep('POST _search', posted)
    expect(answers.length).toBeGreaterThan(RESOURCES.length + 100)
    expect(problemsOf(answers)).toEqual({})
  })

  it('holds for the CapabilityStatement, $-operation answers and every refusal', async () => {
    const { t, token } = await session()
    const answers: { label: string; body: Resource }[] = []
    const keep = collect(answers)
    await keep('metadata US', await t.request(`${FHIR}/metadata`))
    await keep(
      'metadata CA',
      await t.request('/redox-ca/fhir/R4/redox-fhir-sandbox/Development/metadata'),
    )
    const header = (extra: Record<string, unknown>) => ({
      resourceType: 'Bundle',
      type: 'message',
      entry: [
        {
          resource: {
            resourceType: 'MessageHeader',
            eventUri: 'https://fhir.redoxengine.com/EventDefinition/PatientUpdate',
            source: { endpoint: 'urn:example' },
            ...extra,
          },
        },
      ],
    })
    const operate = (
      body: unknown,
      type = 'application/fhir+json',
      path = '/Patient/$patient-update',
    ) =>
      t.request(
        `${FHIR}${path}`,
        bearer(token, {
          method: 'POST',
          body: typeof body === 'string' ? body : JSON.stringify(body),
          headers: { 'content-type': type },
        }),
      )
    const withId = await keep('operation with a header id', await operate(header({ id: 'hdr-1' })))
    const withoutId = await keep('operation without a header id', await operate(header({})))
    await keep('operation with an empty id', await operate(header({ id: '' })))
    await keep(
      'operation by eventCoding',
      await operate(
        {
          resourceType: 'Bundle',
          type: 'message',
          entry: [
            {
              fullUrl: 'urn:uuid:5e0c3f5e-8d0b-4f7e-9a53-1f8d2c7b6a41',
              resource: {
                resourceType: 'MessageHeader',
                eventCoding: { system: 'urn:example', code: 'observation-create', extra: 1 },
                source: { endpoint: 'urn:example' },
              },
            },
          ],
        },
        'application/json',
        '/Observation/$observation-create',
      ),
    )
    const get = (path: string) => t.request(`${FHIR}${path}`, bearer(token))
    for (const [label, response] of [
      ['unknown id', await get('/Patient/00000000-0000-4000-a000-000000000000')],
      ['unknown type', await get('/Spaceship?_id=1')],
      ['modifier', await get('/Patient?family:exact=Okafor')],
      ['bad date', await get('/Observation?date=yesterday')],
      ['bad _count', await get('/Observation?_count=many')],
      ['no Patient criteria', await get('/Patient?family=Okafor')],
      ['compartment', await get(`/Patient/${PATIENT_ID}/Observation`)],
      [
        'other environment',
        await t.request(
          `/redox/fhir/R4/redox-fhir-sandbox/Production/Patient/${PATIENT_ID}`,
          bearer(token),
        ),
      ],
      ['unknown destination', await t.request(`/redox/fhir/R4/elsewhere/Development/metadata`)],
      ['POST on a read', await operate('{}', 'application/fhir+json', `/Patient/${PATIENT_ID}`)],
      [
        'an operation on an instance, which Redox does not document',
        await operate(
          header({ id: 'hdr-2' }),
          'application/fhir+json',
          `/Patient/${PATIENT_ID}/$patient-update`,
        ),
      ],
      ['form to an operation', await operate('a=b', 'application/x-www-form-urlencoded')],
      ['broken JSON', await operate('{')],
      ['not a Bundle', await operate({ resourceType: 'Patient' })],
      ['no event', await operate(header({ eventUri: '' }))],
    ] as const) {
      const body = await keep(label, response)
      expect([label, response.status >= 400, body.resourceType]).toEqual([
        label,
        true,
        'OperationOutcome',
      ])
    }
    const answered = (bundle: Resource) =>
      (bundle.entry as { resource: { response?: { identifier: string } } }[])[0]?.resource.response
    expect(answered(withId)).toEqual({ identifier: 'hdr-1', code: 'ok' })
    expect(answered(withoutId)).toBeUndefined()
    expect(problemsOf(answers)).toEqual({})
  })

  it('is checked by validators that catch what standin used to send', () => {
    const emptyIdentifier = {
      resourceType: 'MessageHeader',
      id: 'a',
      eventUri: 'https://fhir.redoxengine.com/EventDefinition/PatientUpdate',
      source: { endpoint: 'https://example.org' },
      response: { identifier: '', code: 'ok' },
    }
    expect(fhirProblems(emptyIdentifier)).not.toEqual([])
    expect(
      fhirProblems({ resourceType: 'Bundle', type: 'searchset', link: [{ relation: 'next' }] }),
    ).not.toEqual([])
    expect(fhirProblems({ resourceType: 'Patient', id: 'p', gender: 'unknown-code' })).not.toEqual(
      [],
    )
  })
})
