/**
 * A third-party FHIR client over a real socket: fhir-kit-client finds the token URL in the
 * CapabilityStatement, openid-client gets a token with a private_key_jwt assertion, then fhir-kit
 * reads, searches by GET and by POST, follows `next` to the end, asks for `_include`, and posts
 * `$patient-update`, on both hosts.
 */
import { Client } from 'fhir-kit-client'
import { importJWK } from 'jose'
import * as oauth from 'openid-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serveApp, type RunningServer } from '../../src/node/serve.js'
import { createTestStandin } from '../../src/testing/index.js'
import {
  CA_CLIENT,
  DEMO_KID,
  DEMO_PRIVATE_JWK,
  PATIENT_ID,
  US_CLIENT,
  options,
} from '../providers/redox/support.js'

interface Bundle {
  readonly resourceType: string
  readonly total?: number
  readonly link?: { relation: string; url: string }[]
  readonly entry?: {
    resource: { resourceType: string; id: string; response?: unknown }
    search?: { mode: string }
  }[]
}

let server: RunningServer

beforeAll(async () => {
  const t = await createTestStandin(options)
  server = await serveApp((request) => t.app.fetch(request), { host: '127.0.0.1', port: 0 })
})

afterAll(async () => {
  await server.close()
})

/** A fhir-kit client holding a token got the way a Redox integration gets one. */
async function connect(mount: string, clientId: string) {
  const fhir = new Client({
    baseUrl: `${server.url}${mount}/fhir/R4/redox-fhir-sandbox/Development`,
  })
  const { tokenUrl } = await fhir.smartAuthMetadata()
  if (!tokenUrl) throw new Error('no token URL in the CapabilityStatement')
  const key = (await importJWK(DEMO_PRIVATE_JWK, 'RS384')) as CryptoKey
  const config = new oauth.Configuration(
    { issuer: tokenUrl.href, token_endpoint: tokenUrl.href },
    clientId,
    undefined,
    oauth.PrivateKeyJwt({ key, kid: DEMO_KID }),
  )
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- plain HTTP on 127.0.0.1 is the point here
  oauth.allowInsecureRequests(config)
  const tokens = await oauth.clientCredentialsGrant(config)
  fhir.bearerToken = tokens.access_token
  return { fhir, tokenUrl: tokenUrl.href }
}

const ids = (bundle: Bundle, mode = 'match') =>
  (bundle.entry ?? []).filter((e) => e.search?.mode === mode).map((e) => e.resource.id)

describe.each([
  ['/redox', US_CLIENT],
  ['/redox-ca', CA_CLIENT],
])('fhir-kit-client against %s', (mount, clientId) => {
  it('discovers the token URL and reads a Patient with the token', async () => {
    const { fhir, tokenUrl } = await connect(mount, clientId)
    expect(tokenUrl).toBe(`${server.url}${mount}/v2/auth/token`)
    const statement = (await fhir.capabilityStatement()) as { resourceType: string }
    expect(statement.resourceType).toBe('CapabilityStatement')
    const patient = (await fhir.read({ resourceType: 'Patient', id: PATIENT_ID })) as unknown as {
      id: string
    }
    expect(patient.id).toBe(PATIENT_ID)
  })

  it('searches by GET and POST, following next to the end with every entry once', async () => {
    const { fhir } = await connect(mount, clientId)
    const everything = (await fhir.search({ resourceType: 'Observation' })) as Bundle
    const all = ids(everything)
    expect(all.length).toBe(everything.total)
    for (const postSearch of [false, true]) {
      const seen: string[] = []
      let page: Bundle | undefined = await fhir.search({
        resourceType: 'Observation',
        searchParams: { _count: 4 },
        options: { postSearch },
      })
      let pages = 0
      while (page) {
        pages++
        seen.push(...ids(page))
        page = await fhir.nextPage({ bundle: page as never })
      }
      expect({ postSearch, pages, seen }).toEqual({
        postSearch,
        pages: Math.ceil(all.length / 4),
        seen: all,
      })
    }
  })

  it('asks for _include and gets the referenced resources once', async () => {
    const { fhir } = await connect(mount, clientId)
    const bundle = (await fhir.search({
      resourceType: 'MedicationRequest',
      searchParams: { patient: PATIENT_ID, _include: 'MedicationRequest:requester' },
      options: { postSearch: true },
    })) as Bundle
    expect(ids(bundle).length).toBe(2)
    expect(
      (bundle.entry ?? [])
        .filter((e) => e.search?.mode === 'include')
        .map((e) => e.resource.resourceType),
    ).toEqual(['Practitioner'])
  })

  it('posts $patient-update and gets the acknowledging message Bundle', async () => {
    const { fhir } = await connect(mount, clientId)
    const answer = (await fhir.operation({
      resourceType: 'Patient',
      name: '$patient-update',
      input: {
        resourceType: 'Bundle',
        type: 'message',
        entry: [
          {
            resource: {
              resourceType: 'MessageHeader',
              id: 'update-1',
              eventUri: 'https://fhir.redoxengine.com/EventDefinition/PatientUpdate',
              source: { endpoint: 'urn:example' },
              focus: [{ reference: `Patient/${PATIENT_ID}` }],
            },
          },
          { resource: { resourceType: 'Patient', id: PATIENT_ID, active: true } },
        ],
      },
    })) as Bundle
    expect(answer.resourceType).toBe('Bundle')
    expect(answer.entry?.[0]?.resource.response).toEqual({ identifier: 'update-1', code: 'ok' })
  })

  it('is answered 404 with an OperationOutcome on a compartment search', async () => {
    const { fhir } = await connect(mount, clientId)
    const error = (await fhir
      .compartmentSearch({
        resourceType: 'Observation',
        compartment: { resourceType: 'Patient', id: PATIENT_ID },
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      )) as { response?: { status: number; data: { resourceType: string } } } | undefined
    expect([error?.response?.status, error?.response?.data.resourceType]).toEqual([
      404,
      'OperationOutcome',
    ])
  })
})
