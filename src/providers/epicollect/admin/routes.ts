/**
 * `/_standin/epicollect`: the project Apps page as a control API.
 *
 * - `GET /projects` and `GET /apps`: what exists;
 * - `POST /projects/{slug}/app` `{"name"?}` → 201 `{"client_id","client_secret","name","project"}`,
 *   409 when the project already has one;
 * - `GET /projects/{slug}/app`: the app, secret included (the Apps page shows it in plain text);
 * - `POST /projects/{slug}/app/revoke` → `{"client_id","revoked"}`: Revoke Token;
 * - `DELETE /projects/{slug}/app` → `{"client_id","deleted":true}`: Delete App.
 */
import { Hono } from 'hono'
import { z } from 'zod'
import { readPayload, renderAdminError } from '../../../admin/envelope.js'
import type { ProviderContext } from '../../provider.js'
import { createClientApp, deleteApp, revokeAppTokens } from '../state/client-app.js'
import { APP_NAME } from '../state/seed.js'
import { appOfProject, type ClientApp, type EpicollectState } from '../state/model.js'

export const CreateAppSchema = z
  .object({
    name: z.string().regex(APP_NAME, 'use 3 to 50 letters, digits, _ or spaces').optional(),
  })
  .strict()

function view(app: ClientApp) {
  return {
    client_id: app.clientId,
    client_secret: app.secret,
    name: app.name,
    project: app.project,
    created_at: new Date(app.createdAtMs).toISOString(),
  }
}

export function epicollectAdminRoutes(ctx: ProviderContext<EpicollectState>): Hono {
  const app = new Hono()
  app.onError(renderAdminError)
  const deps = () => ({
    credentials: ctx.world.credentials,
    random: ctx.world.random,
    nowMs: ctx.world.clock.epochMs(),
  })

  app.get('/apps', (c) => c.json({ apps: [...ctx.state().apps.values()].map(view) }))
  app.get('/projects', (c) => {
    const state = ctx.state()
    const projects = [...state.projects.values()].map((p) => {
      const client = appOfProject(state, p.slug)
      return {
        slug: p.slug,
        name: p.name,
        access: p.access,
        status: p.status,
        client_id: client?.clientId ?? null,
      }
    })
    return c.json({ projects })
  })

  app.post('/projects/:slug/app', async function postApp(c) {
    const body = await readPayload(c, CreateAppSchema)
    const created = createClientApp(
      ctx.state(),
      deps(),
      c.req.param('slug'),
      body.name ?? 'Standin App',
    )
    return c.json(view(created), 201)
  })
  app.get('/projects/:slug/app', (c) => {
    const found = appOfProject(ctx.state(), c.req.param('slug'))
    return found
      ? c.json(view(found))
      : c.json(
          { error: { code: 'not_found', message: `Project "${c.req.param('slug')}" has no app.` } },
          404,
        )
  })
  app.post('/projects/:slug/app/revoke', (c) =>
    c.json(revokeAppTokens(ctx.state(), deps(), c.req.param('slug'))),
  )
  app.delete('/projects/:slug/app', (c) => c.json(deleteApp(ctx.state(), c.req.param('slug'))))
  return app
}
