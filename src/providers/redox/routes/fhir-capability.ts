/**
 * `GET …/metadata`: a CapabilityStatement built from what this standin serves (the types and search
 * parameters of `fhir-search-params.ts`, read and search, the documented `$`-operations) with the
 * SMART `oauth-uris` extension naming this host's token URL, so clients that read it first find
 * everything. Redox does not document its own; this one describes standin, not an EHR behind Redox.
 * @see https://hl7.org/fhir/R4/capabilitystatement.html
 * @see https://hl7.org/fhir/smart-app-launch/1.0.0/conformance/index.html
 */
import { RESOURCE_TYPES, SEARCH_PARAMETERS } from './fhir-search-params.js'

/** The `$`-operations Redox documents per type (standin acknowledges any other name too). */
export const DOCUMENTED_OPERATIONS: Readonly<Record<string, readonly string[]>> = {
  Patient: ['patient-update'],
  Observation: ['observation-create'],
}

export interface CapabilityUrls {
  /** This host's FHIR base. */
  readonly base: string
  /** This host's token URL. */
  readonly token: string
}

export function capabilityStatement(urls: CapabilityUrls, date: string) {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date,
    publisher: 'standin',
    kind: 'instance',
    implementation: { description: 'Redox FHIR R4 API (standin)', url: urls.base },
    fhirVersion: '4.0.1',
    format: ['json'],
    rest: [
      {
        mode: 'server',
        security: {
          extension: [
            {
              url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
              extension: [{ url: 'token', valueUri: urls.token }],
            },
          ],
          service: [
            {
              coding: [
                {
                  system: 'http://terminology.hl7.org/CodeSystem/restful-security-service',
                  code: 'SMART-on-FHIR',
                },
              ],
            },
          ],
          description: 'OAuth 2.0 client credentials with a private_key_jwt client assertion',
        },
        resource: RESOURCE_TYPES.map((type) => resourceOf(type)),
      },
    ],
  }
}

function resourceOf(type: string) {
  const params = Object.entries(SEARCH_PARAMETERS[type] ?? {})
  const references = params.filter(([, p]) => p.type === 'reference')
  const revIncludes = RESOURCE_TYPES.flatMap((source) =>
    Object.entries(SEARCH_PARAMETERS[source] ?? {})
      .filter(([, p]) => p.type === 'reference' && p.targets.includes(type))
      .map(([name]) => `${source}:${name}`),
  )
  const operations = DOCUMENTED_OPERATIONS[type] ?? []
  return {
    type,
    interaction: [{ code: 'read' }, { code: 'search-type' }],
    searchInclude: references.map(([name]) => `${type}:${name}`),
    searchRevInclude: revIncludes,
    searchParam: params.map(([name, p]) => ({ name, type: p.type })),
    ...(operations.length === 0
      ? {}
      : {
          operation: operations.map((name) => ({
            name,
            definition: `https://fhir.redoxengine.com/OperationDefinition/${name}`,
          })),
        }),
  }
}
