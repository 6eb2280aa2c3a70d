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
import { checkFhirPath, readResource, searchResources } from './fhir.js'
import { resourceJson } from '../state/fhir-store.js'
import { acceptMessage } from './fhir-operation.js'
import type { Environment } from '../region.js'
import type { RedoxState } from '../state/model.js'

const FHIR_BASE = '/:destination/:environment'

export function fhirRoutes(
  ctx: ProviderContext<RedoxState>,
  mount: string,
  bearer: (c: StandinContext, api: DataApi) => CredentialView,
): Hono<StandinEnv> {
  const app = new Hono<StandinEnv>()

  function fhirScope(c: StandinContext) {
    const token = bearer(c, 'fhir')
    const { destination, environment } = c.req.param() as {
      destination: string
      environment: string
    }
    checkFhirPath(
      destination,
      environment,
      ctx.state().settings.fhir.destinations,
      token.attributes.environment as Environment,
    )
    return { base: `${providerBaseUrl(c, mount)}/fhir/R4/${destination}/${environment}` }
  }

  function fhirJson(c: StandinContext, body: unknown) {
    return fhirText(c, JSON.stringify(body))
  }

  function fhirText(c: StandinContext, text: string) {
    c.header('Content-Type', FHIR_JSON)
    return c.body(text, 200)
  }

  function search(c: StandinContext, params: readonly (readonly [string, string])[]) {
    const { base } = fhirScope(c)
    const type = c.req.param('type') ?? ''
    const self = `${base}/${type}?${new URLSearchParams(params as [string, string][]).toString()}`
    return fhirJson(
      c,
      searchResources(ctx.state().fhir, type, params, { self, base }, ctx.world.random),
    )
  }

  app.get(`${FHIR_BASE}/:type`, function searchByGet(c) {
    return search(c, [...new URL(c.req.url).searchParams])
  })

  app.get(`${FHIR_BASE}/:type/:id`, function read(c) {
    fhirScope(c)
    const resource = readResource(ctx.state().fhir, c.req.param('type'), c.req.param('id'))
    return fhirText(c, resourceJson(resource))
  })

  app.post(`${FHIR_BASE}/:type/:action`, async function searchOrOperate(c) {
    const action = c.req.param('action')
    if (action === '_search') {
      const query = [...new URL(c.req.url).searchParams]
      return search(c, [...query, ...new URLSearchParams(await c.req.text())])
    }
    if (!action.startsWith('$'))
      throw new StandinError(
        'method_not_allowed',
        `POST is not supported on ${c.req.param('type')}/${action}`,
      )
    const { base } = fhirScope(c)
    const answer = acceptMessage(
      c.req.param('type'),
      action,
      c.req.header('content-type'),
      await c.req.text(),
      {
        random: ctx.world.random,
        nowIso: ctx.world.clock.now().toISOString(),
        base,
      },
    )
    ctx.state().received.fhirOperations++
    return fhirJson(c, answer)
  })

  return app
}
