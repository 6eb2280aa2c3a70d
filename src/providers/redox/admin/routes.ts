/**
 * Redox's Developer page on the control plane, `/_standin/redox`: create, list, rotate and delete
 * OAuth API keys, and download a Postman collection and environment for one.
 */
import { Hono, type Context } from 'hono'
import { readPayload, renderAdminError } from '../../../admin/envelope.js'
import type { ProviderContext } from '../../provider.js'
import {
  addPublicKey,
  createApiKey,
  deleteApiKey,
  findApiKeyOrFail,
  removePublicKey,
} from '../state/api-keys.js'
import { buildPostman } from './postman.js'
import { MOUNTS } from '../region.js'
import { AddKeySchema, CreateApiKeySchema } from '../state/seed.js'
import { snapshotState, type RedoxState } from '../state/model.js'

export function redoxAdminRoutes(ctx: ProviderContext<RedoxState>): Hono {
  const app = new Hono()
  app.onError(renderAdminError)
  const keyViews = () => snapshotState(ctx.state()).apiKeys

  app.get('/api-keys', (c) => c.json({ apiKeys: keyViews() }))

  app.post('/api-keys', async function createKey(c) {
    const payload = await readPayload(c, CreateApiKeySchema)
    const { world } = ctx
    const created = await createApiKey(ctx.state(), payload, {
      random: world.random,
      nowIso: world.clock.now().toISOString(),
    })
    const key = findApiKeyOrFail(ctx.state(), created.clientId)
    const postman = created.privateJwk
      ? { postman: buildPostman(key, postmanOptions(c, key.region, created.privateJwk)) }
      : {}
    return c.json({ ...created, ...postman }, 201)
  })

  app.get('/api-keys/:clientId', function showKey(c) {
    const clientId = c.req.param('clientId')
    findApiKeyOrFail(ctx.state(), clientId)
    return c.json(keyViews().find((k) => k.clientId === clientId))
  })

  app.delete('/api-keys/:clientId', function deleteKey(c) {
    const clientId = c.req.param('clientId')
    const revokedTokens = deleteApiKey(ctx.state(), clientId, ctx.world.credentials)
    return c.json({ clientId, deleted: true, revokedTokens })
  })

  app.post('/api-keys/:clientId/keys', async function addKey(c) {
    const { jwk } = await readPayload(c, AddKeySchema)
    const added = await addPublicKey(ctx.state(), c.req.param('clientId'), jwk)
    return c.json(added, 201)
  })

  app.delete('/api-keys/:clientId/keys/:kid', function removeKey(c) {
    removePublicKey(ctx.state(), c.req.param('clientId'), c.req.param('kid'))
    return c.json({ clientId: c.req.param('clientId'), kid: c.req.param('kid'), deleted: true })
  })

  app.get('/api-keys/:clientId/postman', function downloadPostman(c) {
    const key = findApiKeyOrFail(ctx.state(), c.req.param('clientId'))
    return c.json(buildPostman(key, postmanOptions(c, key.region)))
  })

  function postmanOptions(
    c: Context,
    region: keyof typeof MOUNTS,
    privateJwk?: Parameters<typeof buildPostman>[1]['privateJwk'],
  ) {
    const state = ctx.state()
    return {
      base: `${standinBase(c)}${MOUNTS[region]}`,
      destination: state.settings.fhir.destinations[0] ?? 'redox-fhir-sandbox',
      patientId: state.fhir.ofType('Patient')[0]?.id,
      privateJwk,
    }
  }

  return app
}

/** standin's own base URL as this client reaches it (keeping a session prefix, if any). */
function standinBase(c: Context): string {
  const url = new URL(c.req.url)
  const at = url.pathname.indexOf('/_standin/')
  return `${url.origin}${at > 0 ? url.pathname.slice(0, at) : ''}`
}
