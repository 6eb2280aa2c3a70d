/**
 * createApp(deps): the control plane at `/_standin` and every provider under its mounts, with the
 * request journal and body limit around each. No I/O of its own: the Node edge and the MSW
 * transport both call this same app.
 */
import { Hono } from 'hono'
import type { DashboardFiles } from './admin/dashboard.js'
import { adminRoutes } from './admin/routes.js'
import { bodyLimit } from './body-limit.js'
import { StandinError, toStandinError } from './core/errors.js'
import { journalRequests } from './journal/capture.js'
import { applyLevers } from './levers/apply-levers.js'
import { providerContext, type AnyProvider, type StandinEnv } from './providers/provider.js'
import { routeModeRoutes } from './proxy/routes-admin.js'
import { ProxyRuntime, type ProxyOptions } from './proxy/runtime.js'
import { serveRouteModes } from './proxy/serve.js'
import type { ScenarioSource } from './scenarios/load.js'
import { mountSessions, pathAfter } from './sessions/routes.js'
import type { Scenario } from './scenarios/schema.js'
import { World } from './world.js'

export interface AppDeps {
  readonly world: World
  readonly version?: string | undefined
  readonly scenarios?: ScenarioSource | undefined
  /**
   * Serve under a path prefix (an isolated session's `/_sessions/{id}`): routes match the path
   * after it, while URLs, and so every base URL a provider echoes, keep it. Sessions do not nest.
   */
  readonly prefix?: string | undefined
  /** Route modes: transport, credential reader and, for programmatic use, settings and injectors. */
  readonly proxy?: ProxyOptions | undefined
  readonly dashboard?: DashboardFiles | undefined
  readonly adminToken?: string | undefined
}

export function createApp(deps: AppDeps): Hono {
  const { world } = deps
  const app = new Hono(deps.prefix === undefined ? {} : { getPath: pathAfter(deps.prefix) })
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
      adminToken: deps.adminToken,
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
    const e = toStandinError(error)
    c.set('why', e.why)
    if (!c.get('outcome')) c.set('outcome', e.status >= 500 ? 'error' : 'rejected')
    const response = await provider.renderError(e, c, mount)
    for (const [name, value] of Object.entries(e.headers)) response.headers.set(name, value)
    return response
  })
  app.use(journalRequests(world, provider.id, (text) => proxy.redactor.scrub(text)))
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
