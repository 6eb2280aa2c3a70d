/**
 * createApp(deps): the control plane at `/_standin` and every provider under its mounts, with the
 * request journal and body limit around each. No I/O of its own: the Node edge and the MSW
 * transport both call this same app.
 */
import { Hono } from 'hono'
import { controlPlaneGuard, hostPolicyOf, hostRefusal } from './admin/guard.js'
import type { AppDeps } from './app-deps.js'
import { adminRoutes } from './admin/routes.js'
import { accessLog } from './access-log.js'
import { bodyLimit } from './body-limit.js'
import { CLIENT_GONE_WHY, clientGone } from './client-gone.js'
import { StandinError, toStandinError } from './core/errors.js'
import { journalRequests } from './journal/capture.js'
import { applyLevers } from './levers/apply-levers.js'
import { providerContext, type AnyProvider, type StandinEnv } from './providers/provider.js'
import { routeModeRoutes } from './proxy/routes-admin.js'
import { ProxyRuntime } from './proxy/runtime.js'
import { serveRouteModes } from './proxy/serve.js'
import { SESSION_PREFIX } from './sessions/registry.js'
import { mountSessions, pathAfter } from './sessions/routes.js'
import type { Scenario } from './scenarios/schema.js'
import { World } from './world.js'

export function createApp(deps: AppDeps): Hono {
  const { world } = deps
  const app = new Hono(deps.prefix === undefined ? {} : { getPath: pathAfter(deps.prefix) })
  // First, so it sees every answer. A session's own app logs its requests (with their outcome),
  // so the root leaves them out.
  if (deps.accessLog)
    app.use(accessLog(deps.accessLog, deps.prefix === undefined ? isSessionPath : undefined))
  // First, so it runs before every control route, sessions' included (docs/security.md).
  const guard = controlPlaneGuard({ world, adminToken: deps.adminToken })
  app.use('/_standin', guard)
  app.use('/_standin/*', guard)
  if (deps.prefix === undefined) mountSessions(app, { ...deps, createApp })
  const proxy = new ProxyRuntime(world, deps.proxy)
  app.route('/_standin/routes', routeModeRoutes(proxy))
  app.route(
    '/_standin',
    adminRoutes({
      world,
      version: deps.version ?? '0.0.0',
      scenarios: deps.scenarios,
      dashboard: deps.dashboard,
      simulate: (scenario) => simulate(scenario, deps),
    }),
  )
  for (const provider of world.providers) {
    for (const mount of provider.mounts)
      app.route(mount, providerApp(provider, mount, world, proxy))
  }
  app.notFound((c) =>
    c.json(
      { error: { code: 'not_found', message: `No provider is mounted at ${c.req.path}.` } },
      404,
    ),
  )
  return app
}

function providerApp(
  provider: AnyProvider,
  mount: string,
  world: World,
  proxy: ProxyRuntime,
): Hono<StandinEnv> {
  const app = new Hono<StandinEnv>()
  app.onError(async function renderProviderError(error, c) {
    if (clientGone(c, error)) {
      c.set('outcome', 'aborted')
      c.set('why', CLIENT_GONE_WHY)
      return new Response(null, { status: 400 })
    }
    const e = toStandinError(error)
    c.set('why', e.why)
    if (e.code === 'internal') c.set('internalError', e)
    if (!c.get('outcome')) c.set('outcome', e.status >= 500 ? 'error' : 'rejected')
    const response = await provider.renderError(e, c, mount)
    for (const [name, value] of Object.entries(e.headers)) response.headers.set(name, value)
    return response
  })
  app.use(journalRequests(world, provider.id, () => proxy.redactor.scrubberNow()))
  const hosts = hostPolicyOf(world)
  // Provider routes keep their real CORS rules, so only the Host is checked here: a rebinding page
  // must not read their answers, which in proxy mode are real data (docs/security.md).
  app.use(async function checkHost(c, next) {
    const refusal = hostRefusal(c, hosts)
    if (refusal !== undefined)
      throw new StandinError('forbidden', 'Forbidden', { detail: `Refused: ${refusal}` })
    await next()
  })
  app.use(applyLevers(world, provider, mount))
  // Before the body limit, which buffers chunked bodies: a proxied upload streams to the upstream.
  app.use(serveRouteModes(proxy, provider, mount))
  app.use(
    bodyLimit({
      maxSize: world.config.bodyLimitBytes,
      onError: () => {
        throw new StandinError('payload_too_large', 'Request entity too large', {
          detail: `body over ${String(world.config.bodyLimitBytes)} bytes`,
        })
      },
    }),
  )
  app.route('/', provider.routes(providerContext(provider, world), mount))
  app.all('*', (c) => {
    throw new StandinError('not_found', 'Not found', {
      detail: `no ${provider.title} route ${c.req.method} ${c.req.path}`,
    })
  })
  return app
}

function isSessionPath(path: string): boolean {
  return path.startsWith(`${SESSION_PREFIX}/`)
}

/**
 * A world of its own for a scenario, every route simulated whatever the route modes say: what a
 * drift check compares recordings with.
 */
async function simulate(scenario: Scenario, deps: AppDeps) {
  const config = { ...deps.world.deps.config, routes: [] }
  const world = await World.create(scenario, { ...deps.world.deps, config })
  const app = createApp({ world, version: deps.version })
  return { world, fetch: async (request: Request) => app.fetch(request) }
}
