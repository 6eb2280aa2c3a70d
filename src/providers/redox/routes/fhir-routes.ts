/**
 * The FHIR R4 routes under `/fhir/R4/{destination}/{environment}`: read, search by GET or by
 * `POST _search` with a form, and `$`-operations. Every route checks the Bearer token first.
 * @see https://docs.redoxengine.com/basics/redox-fhir-api/understanding-fhir-search/
 */
import { Hono } from 'hono'
import type { CredentialView } from '../../../core/credentials.js'
import { StandinError } from '../../../core/errors.js'
import { providerBaseUrl } from '../../base-url.js'
import type { ProviderContext, StandinContext, StandinEnv } from '../../provider.js'
import type { DataApi } from './bearer.js'
import { FHIR_JSON } from '../errors.js'
import { capabilityStatement } from './fhir-capability.js'
import { checkFhirPath, readResource, supportedType } from './fhir.js'
import { searchResources } from './fhir-search.js'
import { resourceBytes } from '../state/fhir-store.js'
import { acceptMessage } from './fhir-operation.js'
import { TOKEN_PATH, isEnvironment, type Environment } from '../region.js'
import type { RedoxState } from '../state/model.js'

const FHIR_BASE = '/:destination/:environment'

// The header given with the body, not set before it: a lone header stays a plain record all the
// way to the socket, where a set one would be a Headers object to build and read back. Neither
// hono nor the Node edge changes the record, so every answer shares one.
const FHIR_HEADERS = Object.freeze({ 'Content-Type': FHIR_JSON })

export function fhirRoutes(
  ctx: ProviderContext<RedoxState>,
  mount: string,
  bearer: (c: StandinContext, api: DataApi) => CredentialView,
): Hono<StandinEnv> {
  const app = new Hono<StandinEnv>()

  /** Checks the Bearer token and the FHIR base of the path. */
  function fhirScope(c: StandinContext): void {
    const token = bearer(c, 'fhir')
    const destination = c.req.param('destination') ?? ''
    const environment = c.req.param('environment') ?? ''
    checkFhirPath(
      destination,
      environment,
      ctx.state().settings.fhir.destinations,
      token.attributes.environment as Environment,
    )
  }

  /** The FHIR base's URL, for links in an answer (a read needs none). */
  function fhirBase(c: StandinContext): string {
    const destination = c.req.param('destination') ?? ''
    const environment = c.req.param('environment') ?? ''
    return `${providerBaseUrl(c, mount)}/fhir/R4/${destination}/${environment}`
  }

  function fhirJson(c: StandinContext, body: unknown) {
    return fhirText(c, JSON.stringify(body))
  }

  function fhirText(c: StandinContext, text: string | Uint8Array<ArrayBuffer>) {
    return c.body(text, 200, FHIR_HEADERS)
  }

  function search(c: StandinContext, params: readonly (readonly [string, string])[]) {
    fhirScope(c)
    const base = fhirBase(c)
    const type = c.req.param('type') ?? ''
    supportedType(type)
    const answer = searchResources(ctx.state().fhir, type, params, { base }, ctx.world.random)
    if (answer.ignored.length > 0)
      c.set('why', `ignored search parameters: ${answer.ignored.join(', ')}`)
    return fhirJson(c, answer.bundle)
  }

  // Open, as FHIR servers serve it: a client reads it to find the token URL before it has a token.
  function metadata(c: StandinContext) {
    const { destination = '', environment = '' } = c.req.param()
    if (
      !ctx.state().settings.fhir.destinations.includes(destination) ||
      !isEnvironment(environment)
    )
      throw new StandinError('not_found', `Unknown FHIR base ${destination}/${environment}`)
    const root = providerBaseUrl(c, mount)
    const statement = capabilityStatement(
      { base: `${root}/fhir/R4/${destination}/${environment}`, token: `${root}${TOKEN_PATH}` },
      ctx.world.clock.now().toISOString(),
    )
    return fhirJson(c, statement)
  }

  // `metadata` is read here rather than routed on its own: a fixed segment beside a parameter at
  // the same place would leave hono only its slower trie router for the whole app.
  app.get(`${FHIR_BASE}/:type`, function searchByGet(c) {
    if (c.req.param('type') === 'metadata') return metadata(c)
    return search(c, [...new URL(c.req.url).searchParams])
  })

  app.get(`${FHIR_BASE}/:type/:id`, function read(c) {
    fhirScope(c)
    const resource = readResource(ctx.state().fhir, c.req.param('type'), c.req.param('id'))
    return fhirText(c, resourceBytes(resource))
  })

  // Compartment search (`Patient/{id}/Observation`) is not among the interactions Redox documents.
  app.get(`${FHIR_BASE}/:type/:id/:compartment`, function compartment(c) {
    fhirScope(c)
    throw new StandinError(
      'not_found',
      `Compartment search is not supported; search ${c.req.param('compartment')} with patient=${c.req.param('id')}`,
    )
  })

  // `:id`, as in the read's route: one name per place keeps hono's fastest router usable.
  app.post(`${FHIR_BASE}/:type/:id`, async function searchOrOperate(c) {
    const action = c.req.param('id')
    if (action === '_search') {
      const query = [...new URL(c.req.url).searchParams]
      return search(c, [...query, ...new URLSearchParams(await c.req.text())])
    }
    if (!action.startsWith('$'))
      throw new StandinError(
        'method_not_allowed',
        `POST is not supported on ${c.req.param('type')}/${action}`,
      )
    fhirScope(c)
    const base = fhirBase(c)
    const answer = acceptMessage(
      c.req.param('type'),
      action,
      c.req.header('content-type'),
      await c.req.text(),
      {
        random: ctx.world.random,
        nowIso: ctx.world.clock.now().toISOString(),
        base,
        maxNestingDepth: ctx.world.config.maxNestingDepth,
      },
    )
    ctx.state().received.fhirOperations++
    return fhirJson(c, answer)
  })

  return app
}
