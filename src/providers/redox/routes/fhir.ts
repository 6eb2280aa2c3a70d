/**
 * Redox's FHIR R4 API over the fixture store: read, search (GET with a query, or POST `_search` with
 * a form, as Redox prefers) answered with searchset Bundles, and `$`-operations that take a message
 * Bundle whose first entry is a MessageHeader.
 * @see https://docs.redoxengine.com/basics/redox-fhir-api/understanding-fhir-search/
 * @see https://docs.redoxengine.com/api-reference/fhir-api-reference/fhir-resources/Patient/$patient-update
 */
import { StandinError } from '../../../core/errors.js'
import type { Random } from '../../../core/random.js'
import { SEARCH_PARAMETERS, type Matcher } from './fhir-search-params.js'
import type { FhirResource, FhirStore } from '../state/fhir-store.js'
import { EnvironmentSchema, type Environment } from '../region.js'
import { invalid } from '../wire/request-body.js'

/** Parameters that shape the answer rather than filter it. */
const CONTROL_PARAMETERS = new Set(['_count', '_format', '_pretty'])

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
  if (!EnvironmentSchema.safeParse(environment).success)
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

export function searchResources(
  store: FhirStore,
  type: string,
  params: readonly (readonly [string, string])[],
  urls: { readonly self: string; readonly base: string },
  random: Random,
): FhirBundle {
  const known = supportedType(type)
  const filters: { matcher: Matcher; values: string[] }[] = []
  let count: number | undefined
  for (const [name, value] of params) {
    if (name.includes(':')) throw invalid(`Unknown search modifier in "${name}"`)
    if (name === '_count') count = Math.max(0, Number.parseInt(value, 10) || 0)
    if (CONTROL_PARAMETERS.has(name)) continue
    const matcher: Matcher | undefined = name === '_id' ? (r, v) => r.id === v : known[name]
    if (!matcher) throw invalid(`Unknown search parameter "${name}" for resource type ${type}`)
    filters.push({ matcher, values: value.split(',') })
  }
  if (type === 'Patient') requirePatientCriteria(new Set(params.map(([name]) => name)))
  const matches = store
    .ofType(type)
    .filter((r) => filters.every((f) => f.values.some((v) => f.matcher(r, v))))
  const page = count === undefined ? matches : matches.slice(0, count)
  return {
    resourceType: 'Bundle',
    id: random.uuid(),
    type: 'searchset',
    total: matches.length,
    link: [{ relation: 'self', url: urls.self }],
    entry: page.map((resource) => ({
      fullUrl: `${urls.base}/${type}/${resource.id}`,
      resource,
      search: { mode: 'match' },
    })),
  }
}

/** Redox: a Patient search needs `_id`, `identifier`, or `given` + `family` + `birthdate`. */
function requirePatientCriteria(names: ReadonlySet<string>): void {
  if (names.has('_id') || names.has('identifier')) return
  if (names.has('given') && names.has('family') && names.has('birthdate')) return
  throw invalid('Patient search requires _id, identifier, or given, family and birthdate')
}

function supportedType(type: string): Readonly<Record<string, Matcher>> {
  const params = SEARCH_PARAMETERS[type]
  if (!params)
    throw notFound(
      `Resource type ${type} is not supported`,
      `standin serves ${Object.keys(SEARCH_PARAMETERS).join(', ')}`,
    )
  return params
}

function notFound(message: string, detail: string): StandinError {
  return new StandinError('not_found', message, { detail })
}
