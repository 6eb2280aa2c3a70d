/**
 * createApp(deps): the control plane at `/_standin` and every provider under its mounts, with the
 * request journal and body limit around each. No I/O of its own: the Node edge and the MSW
 * transport both call this same app.
 */
import { Hono, type Context } from 'hono'
import type { HonoOptions } from 'hono/hono-base'
import type { BlankEnv } from 'hono/types'
import { HTTPException } from 'hono/http-exception'
import { TrieRouter } from 'hono/router/trie-router'
import { controlPlaneGuard } from './admin/guard.js'
import type { AppDeps } from './app-deps.js'
import { adminRoutes } from './admin/routes.js'
import { accessLog, logAnswered } from './access-log.js'
import type { StandinEnv } from './providers/provider.js'
import { mountProviders } from './provider-mounts.js'
import { routeModeRoutes } from './proxy/routes-admin.js'
import { ProxyRuntime } from './proxy/runtime.js'
import { SESSION_PREFIX } from './sessions/registry.js'
import { mountSessions, pathAfter } from './sessions/routes.js'
import type { Scenario } from './scenarios/schema.js'
import { World } from './world.js'

export function createApp(deps: AppDeps): Hono {
  const { world, prefix } = deps
  const app = new Hono(prefix === undefined ? {} : sessionAppOptions(prefix))
  // First, so it sees every answer. A session's own app logs its requests (with their outcome),
  // so the root leaves them out, and a session's control plane logs its own (see below). When
  // only internal errors are logged, a provider request is logged by its front step, and only
  // the control plane passes through the log's middleware.
  const log = deps.accessLog
  if (log?.everyRequest === true)
    app.use(
      accessLog(log, prefix === undefined ? isSessionPath : (path) => isControlPath(path, prefix)),
    )
  else if (log && prefix === undefined) {
    app.use('/_standin', accessLog(log))
    app.use('/_standin/*', accessLog(log))
  }
  const answered =
    log === undefined || log.everyRequest
      ? undefined
      : (c: Context, started: number) => {
          logAnswered(log, c, started)
        }
  // First, so it runs before every control route, sessions' included (docs/security.md).
  const guard = controlPlaneGuard({ world, adminToken: deps.adminToken })
  app.use('/_standin', guard)
  app.use('/_standin/*', guard)
  const proxy = new ProxyRuntime(world, deps.proxy)
  if (prefix === undefined) {
    mountSessions(app, { ...deps, createApp })
    mountControlPlane(app, deps, proxy)
  } else {
    // A session's control plane is most of its app's memory (the control routes and their
    // handlers), and many sessions never call it: it is built on the session's first control
    // call, as an app of its own that this one hands such calls to.
    let control: Hono | undefined
    const forward = (c: Context) => {
      control ??= sessionControlPlane(deps, prefix, proxy)
      return control.fetch(c.req.raw, c.env)
    }
    app.all('/_standin', forward)
    app.all('/_standin/*', forward)
  }
  const providerNotFound = mountProviders(app, world, proxy, answered)
  app.onError(renderRootError)
  app.notFound((c) => providerNotFound(c) ?? notMounted(c))
  return app
}

/** The control routes: route modes, and the control plane's own (admin/routes.ts). */
function mountControlPlane(app: Hono, deps: AppDeps, proxy: ProxyRuntime): void {
  app.route('/_standin/routes', routeModeRoutes(proxy))
  app.route(
    '/_standin',
    adminRoutes({
      world: deps.world,
      version: deps.version ?? '0.0.0',
      scenarios: deps.scenarios,
      dashboard: deps.dashboard,
      simulate: (scenario) => simulate(scenario, deps),
    }),
  )
}

/**
 * A session's control plane as an app of its own, reached through the session's app, which has
 * checked the request already (the guard). It logs its requests itself, so the log sees the
 * outcome and any internal error its handlers leave on the context.
 */
function sessionControlPlane(deps: AppDeps, prefix: string, proxy: ProxyRuntime): Hono {
  const app = new Hono(sessionAppOptions(prefix))
  if (deps.accessLog) app.use(accessLog(deps.accessLog))
  mountControlPlane(app, deps, proxy)
  app.onError(renderRootError)
  app.notFound(notMounted)
  return app
}

/**
 * A session's app is one of up to thousands. hono's RegExpRouter compiles one large regular
 * expression per app, and requests spread over many sessions then run as many compiled
 * expressions; the trie router's code is shared by all (docs/bench.md).
 */
function sessionAppOptions(prefix: string): HonoOptions<BlankEnv> {
  return { getPath: pathAfter(prefix), router: new TrieRouter() }
}

function notMounted(c: Context): Response {
  return c.json(
    { error: { code: 'not_found', message: `No provider is mounted at ${c.req.path}.` } },
    404,
  )
}

/**
 * Errors that reach the root: a provider route's, rendered in its provider's envelope; any other
 * (every control-plane app renders its own) as hono would.
 */
function renderRootError(error: Error, c: Context): Response | Promise<Response> {
  const render = (c as Context<StandinEnv>).get('renderError')
  if (render !== undefined) return render(error, c as Context<StandinEnv>)
  if (error instanceof HTTPException) return error.getResponse()
  console.error(error)
  return c.text('Internal Server Error', 500)
}

function isSessionPath(path: string): boolean {
  return path.startsWith(`${SESSION_PREFIX}/`)
}

/** Whether `path` is a control route under a session's `prefix`. */
function isControlPath(path: string, prefix: string): boolean {
  const control = `${prefix}/_standin`
  return path === control || path.startsWith(`${control}/`)
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
