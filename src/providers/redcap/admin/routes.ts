/**
 * REDCap's part of the control plane (docs/ARCHITECTURE.md): the project API page and Control Center > API
 * Tokens as JSON routes under `/_standin/redcap`: request a token, approve or reject a request,
 * regenerate or delete a token, create a super token; plus read-only listings.
 */
import { Hono } from 'hono'
import { z } from 'zod'
import { readPayload, renderAdminError } from '../../../admin/envelope.js'
import type { ProviderContext } from '../../provider.js'
import type { RedcapState } from '../state/model.js'
import {
  approveRequest,
  deleteToken,
  issueSuperToken,
  regenerateToken,
  rejectRequest,
  requestToken,
  type TokenDeps,
} from '../state/tokens.js'

export const UsernameSchema = z.object({ username: z.string().min(1) }).strict()

function projectId(raw: string): number {
  return Number.parseInt(raw, 10)
}

export function redcapAdminRoutes(ctx: ProviderContext<RedcapState>): Hono {
  const app = new Hono()
  app.onError(renderAdminError)
  const deps = (): TokenDeps => ({
    clock: ctx.world.clock,
    random: ctx.world.random,
    credentials: ctx.world.credentials,
  })

  app.get('/token-requests', (c) => c.json({ requests: [...ctx.state().tokenRequests.values()] }))

  app.post('/projects/:pid/token-requests', async function requestApiToken(c) {
    const { username } = await readPayload(c, UsernameSchema)
    const pid = projectId(c.req.param('pid'))
    const { request, token } = requestToken(ctx.state(), deps(), pid, username)
    return c.json(
      token === null
        ? { id: request.id, status: request.status }
        : { id: request.id, status: request.status, token },
    )
  })

  app.post('/token-requests/:id/approve', (c) =>
    c.json({ token: approveRequest(ctx.state(), deps(), c.req.param('id')) }),
  )

  app.post('/token-requests/:id/reject', (c) => {
    const request = rejectRequest(ctx.state(), deps(), c.req.param('id'))
    return c.json({ id: request.id, status: request.status })
  })

  app.post('/projects/:pid/users/:username/token/regenerate', (c) => {
    const pid = projectId(c.req.param('pid'))
    return c.json({ token: regenerateToken(ctx.state(), deps(), pid, c.req.param('username')) })
  })

  app.delete('/projects/:pid/users/:username/token', (c) => {
    deleteToken(ctx.state(), deps(), projectId(c.req.param('pid')), c.req.param('username'))
    return c.json({ status: 'deleted' })
  })

  app.post('/super-tokens', async function createSuperToken(c) {
    const { username } = await readPayload(c, UsernameSchema)
    return c.json({ token: issueSuperToken(ctx.state(), deps(), username) })
  })

  return app
}
