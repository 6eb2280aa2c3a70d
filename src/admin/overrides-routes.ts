/**
 * `/_standin/overrides`: queue (`POST`), list (`GET`) and clear (`DELETE`, or `DELETE /{id}` for one)
 * the overrides and stubs of the current world. A scenario load or reset starts again from the
 * scenario's own `stubs:`.
 */
import { Hono } from 'hono'
import { StandinError } from '../core/errors.js'
import type { World } from '../world.js'
import { readPayload, renderAdminError } from './envelope.js'
import { overridePayloadSchema } from '../core/overrides.js'
import { checkStub } from '../core/stub.js'
import { onFirstUse } from '../core/first-use.js'

export function overrideRoutes(world: World): Hono {
  const app = new Hono()
  app.onError(renderAdminError)
  // Built by the first POST: a start, and each isolated session's app, queues none.
  const schema = onFirstUse(() => overridePayloadSchema(world.providers.map((p) => p.id)))

  app.get('/', (c) => c.json({ overrides: world.overrides.list() }))

  app.post('/', async function queueOverride(c) {
    const input = await readPayload(c, schema())
    checkStub(input.respond, world.fixtures)
    return c.json(world.overrides.add({ ...input, source: 'control plane' }), 201)
  })

  app.delete('/', (c) => c.json({ cleared: world.overrides.clear() }))

  app.delete('/:id', function removeOverride(c) {
    const id = c.req.param('id')
    const removed = /^\d+$/.test(id) ? world.overrides.remove(Number(id)) : undefined
    if (!removed) throw new StandinError('not_found', `No queued override with id "${id}".`)
    return c.json(removed)
  })
  return app
}
