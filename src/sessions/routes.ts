/**
 * Sessions on the wire: `POST|GET /_standin/sessions`, `DELETE /_standin/sessions/{id}` on the root,
 * and everything under `/_sessions/{id}/...` answered by that session's own app, providers and
 * `/_standin` alike (see docs/decisions/isolated-sessions.md).
 *
 * A session's app matches routes on the path after its prefix while `c.req.url` keeps the prefix,
 * so every base URL a provider echoes (links, Redox `aud`) stays inside the session.
 */
import { Hono, type Context } from 'hono'
import { getPath } from 'hono/utils/url'
import { loadNamed } from '../admin/routes.js'
import type { AppDeps } from '../app-deps.js'
import { readPayload, renderAdminError } from '../admin/envelope.js'
import { StandinError } from '../core/errors.js'
import { createSessionSchema } from '../admin/schema.js'
import { parseScenario } from '../scenarios/load.js'
import type { Scenario } from '../scenarios/schema.js'
import { DEFAULT_SEED, World } from '../world.js'
import { SESSION_PREFIX, SessionRegistry } from './registry.js'

/** The root app's own deps: a session's app gets the same (admin token, route modes, ...). */
export interface SessionDeps extends AppDeps {
  /** Builds a session's app: `createApp`, passed in so the import graph stays acyclic. */
  readonly createApp: (deps: AppDeps) => Hono
}

export function mountSessions(app: Hono, deps: SessionDeps): SessionRegistry {
  const root = deps.world
  const registry = new SessionRegistry(root)
  const { createApp, ...appDeps } = deps
  const control = new Hono()
  control.onError(renderAdminError)

  control.post('/', async function createSession(c) {
    const body = await readPayload(c, createSessionSchema())
    const scenario = resolveScenario(deps, body.scenario)
    const session = await registry.create(async (id, prefix) => {
      const world = await World.create(scenario, {
        ...root.deps,
        realClock: root.realClock,
        seed: body.seed ?? `${String(scenario.seed ?? DEFAULT_SEED)}:${id}`,
      })
      return { world, app: createApp({ ...appDeps, world, prefix }) }
    })
    const { id, baseUrl } = registry.view(session, originOf(c))
    return c.json({ id, baseUrl }, 201)
  })

  control.get('/', (c) =>
    c.json({ sessions: registry.list().map((s) => registry.view(s, originOf(c))) }),
  )

  control.delete('/:id', function deleteSession(c) {
    const id = c.req.param('id')
    if (!registry.delete(id)) throw new StandinError('not_found', `No session "${id}".`)
    return c.json({ id, status: 'deleted' })
  })

  app.route('/_standin/sessions', control)
  const forward = (c: Context) => {
    const id = c.req.param('id') ?? ''
    const session = registry.use(id)
    if (!session) {
      const idle = String(root.config.sessionIdleSeconds)
      const message = `No session "${id}": it was never created, was deleted, or ended after ${idle} s unused.`
      return renderAdminError(new StandinError('not_found', message), c)
    }
    return session.app.fetch(c.req.raw, c.env)
  }
  app.all(`${SESSION_PREFIX}/:id`, forward)
  app.all(`${SESSION_PREFIX}/:id/*`, forward)
  return registry
}

/** Hono's path matcher for an app served under `prefix`: the path after it. */
export function pathAfter(prefix: string): (request: Request) => string {
  return (request) => getPath(request).slice(prefix.length) || '/'
}

function resolveScenario(
  deps: SessionDeps,
  ref: string | Record<string, unknown> | undefined,
): Scenario {
  if (ref === undefined) return deps.world.scenario
  if (typeof ref === 'string') {
    return loadNamed(deps, ref)
  }
  return parseScenario(ref, 'request body', deps.world.providers)
}

function originOf(c: Context): string {
  return new URL(c.req.url).origin
}
