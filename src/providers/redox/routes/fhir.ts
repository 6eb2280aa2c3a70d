/**
 * Redox's FHIR R4 API over the fixture store: read, search (GET with a query, or POST `_search` with
 * a form, as Redox prefers) answered with searchset Bundles, and `$`-operations that take a message
 * Bundle whose first entry is a MessageHeader.
 * @see https://docs.redoxengine.com/basics/redox-fhir-api/understanding-fhir-search/
 * @see https://docs.redoxengine.com/api-reference/fhir-api-reference/fhir-resources/Patient/$patient-update
 */
import { StandinError } from '../../../core/errors.js'
import { RESOURCE_TYPES } from './fhir-search-params.js'
import type { FhirResource, FhirStore } from '../state/fhir-store.js'
import { isEnvironment, type Environment } from '../region.js'

export interface FhirBundle {
  readonly resourceType: 'Bundle'
  readonly id: string
  readonly type: 'searchset' | 'message'
  readonly [member: string]: unknown
}

/** The destination must be one this standin serves, the environment the token's own. */
export function checkFhirPath(
  destination: string,
  environment: string,
  destinations: readonly string[],
  tokenEnvironment: Environment,
): void {
  if (!destinations.includes(destination))
    throw notFound(
      `Unknown destination "${destination}"`,
      `destination ${destination} is not one of ${destinations.join(', ')}`,
    )
  if (!isEnvironment(environment))
    throw notFound(
      `Unknown environment "${environment}"`,
      'the environment must be Development, Staging or Production',
    )
  if (environment !== tokenEnvironment)
    throw new StandinError(
      'forbidden',
      `The access token is not valid for the ${environment} environment`,
      {
        detail: `the API key is a ${tokenEnvironment} key, the URL names ${environment}`,
      },
    )
}

export function readResource(store: FhirStore, type: string, id: string): FhirResource {
  supportedType(type)
  const resource = store.find(type, id)
  if (!resource)
    throw notFound(
      `Resource ${type}/${id} is not known`,
      `no ${type} with id ${id} in the fixtures`,
    )
  return resource
}

/** A 404 OperationOutcome for a type standin does not serve. */
export function supportedType(type: string): void {
  if (!RESOURCE_TYPES.includes(type))
    throw notFound(
      `Resource type ${type} is not supported`,
      `standin serves ${RESOURCE_TYPES.join(', ')}`,
    )
}

function notFound(message: string, detail: string): StandinError {
  return new StandinError('not_found', message, { detail })
}
