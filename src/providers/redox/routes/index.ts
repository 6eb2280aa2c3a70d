/**
 * The wire routes of one Redox host (mounted at `/redox` for the US, `/redox-ca` for Canada). Each
 * handler parses, calls one domain function and renders; errors go to `renderRedoxError`.
 */
import { Hono } from 'hono'
import type { CredentialView } from '../../../core/credentials.js'
import { providerBaseUrl } from '../../base-url.js'
import type { ProviderContext, StandinContext, StandinEnv } from '../../provider.js'
import { authorizeBearer, type DataApi } from './bearer.js'
import { acceptDataModel } from './data-model.js'
import { fhirRoutes } from './fhir-routes.js'
import { authenticateLegacy, refreshLegacy } from './legacy-auth.js'
import { MOUNTS, REAL_BASE_URL, TOKEN_PATH, otherRegion, regionOfMount } from '../region.js'
import { mediaTypeOf, parseJsonBody } from '../wire/request-body.js'
import type { RedoxState } from '../state/model.js'
import { requestToken } from './token-endpoint.js'

export function redoxRoutes(ctx: ProviderContext<RedoxState>, mount: string): Hono<StandinEnv> {
  const region = regionOfMount(mount)
  const app = new Hono<StandinEnv>()

  function bearer(c: StandinContext, api: DataApi): CredentialView {
    const { world } = ctx
    const token = authorizeBearer(c.req.header('authorization'), {
      state: ctx.state(),
      credentials: world.credentials,
      region,
      api,
      nowMs: world.clock.epochMs(),
      rateLimits: world.config.rateLimits,
    })
    c.set('credentialId', token.id)
    return token
  }

  app.post(TOKEN_PATH, async function issueAccessToken(c) {
    const { world } = ctx
    const base = providerBaseUrl(c, mount)
    const other = otherRegion(region)
    const otherBase = base.endsWith(mount)
      ? `${base.slice(0, -mount.length)}${MOUNTS[other]}`
      : REAL_BASE_URL[other]
    const issued = await requestToken(
      { contentType: c.req.header('content-type'), body: await c.req.text() },
      {
        state: ctx.state(),
        region,
        audiences: [`${base}${TOKEN_PATH}`, `${REAL_BASE_URL[region]}${TOKEN_PATH}`],
        otherAudiences: [`${otherBase}${TOKEN_PATH}`, `${REAL_BASE_URL[other]}${TOKEN_PATH}`],
        clientNow: world.clientClock.now(),
        fetch: world.fetch,
        nowMs: world.clock.epochMs(),
        credentials: world.credentials,
        random: world.random,
      },
    )
    c.set('credentialId', issued.credentialId)
    c.header('Cache-Control', 'no-store')
    c.header('Pragma', 'no-cache')
    return c.json(issued.body)
  })

  app.post('/auth/authenticate', async function authenticate(c) {
    const issued = authenticateLegacy(await readFields(c), legacyDeps())
    c.set('credentialId', issued.credentialId)
    return c.json(issued.body)
  })

  app.post('/auth/refreshToken', async function refreshToken(c) {
    const issued = refreshLegacy(await readFields(c), legacyDeps())
    c.set('credentialId', issued.credentialId)
    return c.json(issued.body)
  })

  for (const path of ['/endpoint', '/query']) {
    app.post(path, async function sendDataModel(c) {
      bearer(c, 'data-model')
      const answer = acceptDataModel(c.req.header('content-type'), await c.req.text(), ctx.world)
      ctx.state().received.dataModel++
      return c.json(answer)
    })
  }

  app.route('/fhir/R4', fhirRoutes(ctx, mount, bearer))

  function legacyDeps() {
    return {
      state: ctx.state(),
      credentials: ctx.world.credentials,
      random: ctx.world.random,
      region,
    }
  }

  return app
}

/** A JSON or form body as flat string fields (legacy clients send either). */
async function readFields(c: StandinContext): Promise<Record<string, string>> {
  const text = await c.req.text()
  if (!mediaTypeOf(c.req.header('content-type')).includes('json'))
    return Object.fromEntries(new URLSearchParams(text))
  const data = parseJsonBody(text)
  const fields: Record<string, string> = {}
  if (typeof data === 'object' && data !== null)
    for (const [k, v] of Object.entries(data)) if (typeof v === 'string') fields[k] = v
  return fields
}
