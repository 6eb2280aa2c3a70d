/**
 * The wire routes under `/epicollect`, each as `routes/api_external.php` declares it: its throttle
 * first, then the project check, then the controller. Handlers parse, call one domain function and
 * render. A known path with the wrong method is 422 `ec5_219` "method not allowed exception"; the
 * app's catch-all makes any other path 422 `ec5_219` "page not found exception".
 */
import type { Context } from 'hono'
import { Hono } from 'hono'
import { StandinError } from '../../../core/errors.js'
import { providerBaseUrl } from '../../base-url.js'
import type { ProviderContext, StandinEnv } from '../../provider.js'
import { exportEntries } from './entries-export.js'
import { readEntriesQuery } from './entries-query.js'
import { ec5Error } from '../errors.js'
import { serveMedia } from './media-export.js'
import { checkAccess, findProject } from './project-access.js'
import { exportProject } from './project-export.js'
import { projectVersion, searchProjects } from './project-search.js'
import { parseQuery, phpTruthy } from '../wire/query-params.js'
import type { EpicollectState } from '../state/model.js'
import { LIMITERS, throttle } from './throttle.js'
import { issueToken } from './token-endpoint.js'
import { readTokenRequest } from './token-request.js'

const API_DATA = 'application/vnd.api+json; charset=utf-8'
/** Symfony's default when a response sets no cache headers. */
const NO_CACHE = 'no-cache, private'

/** The request URL without its query, as seen by the client (Laravel `request()->url()`). */
function requestUrl(c: Context, mount: string): string {
  const path = new URL(c.req.url).pathname
  const at = path.indexOf(`${mount}/`)
  return `${providerBaseUrl(c, mount)}${at >= 0 ? path.slice(at + mount.length) : path}`.replace(
    /\/+$/,
    '',
  )
}

/** The CORS headers of the server's Apache config (public/.htaccess-example). */
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET,POST,OPTIONS',
  'access-control-allow-headers': 'Content-Type, Authorization, X-XSRF-TOKEN',
  'access-control-expose-headers':
    'Authorization, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining',
}

const ROUTES = [
  ['/api/oauth/token', 'POST'],
  ['/api/export/entries/:slug', 'GET,HEAD'],
  ['/api/export/project/:slug', 'GET,HEAD'],
  ['/api/export/media/:slug', 'GET,HEAD'],
  ['/api/media/:slug', 'GET,HEAD'],
  ['/api/json/media/:slug', 'GET,HEAD'],
  ['/api/projects/:name?', 'GET,HEAD'],
  ['/api/json/projects/:name?', 'GET,HEAD'],
  ['/api/project-version/:slug', 'GET,HEAD'],
  ['/api/json/project-version/:slug', 'GET,HEAD'],
] as const

function methodNotAllowed(c: Context): never {
  throw new StandinError('method_not_allowed', 'Method not allowed', {
    detail: `${c.req.method} is not allowed on ${c.req.path}`,
  })
}

export function epicollectRoutes(
  ctx: ProviderContext<EpicollectState>,
  mount: string,
): Hono<StandinEnv> {
  const app = new Hono<StandinEnv>()
  app.use(async function corsHeaders(c, next) {
    await next()
    for (const [name, value] of Object.entries(CORS)) c.res.headers.set(name, value)
  })
  const deps = () => ({
    credentials: ctx.world.credentials,
    random: ctx.world.random,
    nowMs: ctx.world.clock.epochMs(),
  })
  const query = (c: Context) => parseQuery(new URL(c.req.url).search)
  const access = async (c: Context<StandinEnv>) => {
    const granted = await checkAccess(
      ctx.state(),
      deps(),
      c.req.param('slug') ?? '',
      c.req.header('authorization'),
    )
    if (granted.credentialId !== undefined) c.set('credentialId', granted.credentialId)
    return granted.project
  }

  app.post('/api/oauth/token', throttle(ctx, LIMITERS.token), async function tokenEndpoint(c) {
    const body = await issueToken(ctx.state(), deps(), await readTokenRequest(c))
    return c.body(body, 200, {
      'content-type': 'application/json; charset=UTF-8',
      'cache-control': 'no-store',
      pragma: 'no-cache',
    })
  })

  app.get('/api/export/entries/:slug', throttle(ctx, LIMITERS.entries), async function entries(c) {
    const project = await access(c)
    const q = readEntriesQuery(query(c), project, ctx.state().settings.perPageMax)
    const baseUrl = providerBaseUrl(c, mount)
    const out = exportEntries(project, q, {
      baseUrl,
      requestUrl: requestUrl(c, mount),
      nowMs: ctx.world.clock.epochMs(),
    })
    return c.body(out.body, 200, { 'content-type': out.contentType, 'cache-control': NO_CACHE })
  })

  app.get('/api/export/project/:slug', throttle(ctx, LIMITERS.project), async function project(c) {
    const body = exportProject(ctx.world.fixtures, await access(c), providerBaseUrl(c, mount))
    return c.body(body, 200, { 'content-type': API_DATA, 'cache-control': NO_CACHE })
  })

  app.get('/api/export/media/:slug', throttle(ctx, LIMITERS.media), async function exportMedia(c) {
    const media = serveMedia(ctx.world.fixtures, await access(c), query(c), c.req.header('range'))
    return c.body(media.body, media.status, media.headers)
  })

  for (const path of ['/api/media/:slug', '/api/json/media/:slug']) {
    app.get(path, throttle(ctx, LIMITERS.appMedia), function appMedia(c) {
      // The app route wants a logged-in Epicollect5 user for private projects; OAuth tokens do not count.
      const project = findProject(ctx.state(), c.req.param('slug') ?? '')
      if (project.access === 'private')
        throw ec5Error(
          'forbidden',
          'ec5_77',
          'middleware',
          404,
          `${project.slug} is private: /api/media needs a user session`,
        )
      const media = serveMedia(ctx.world.fixtures, project, query(c), c.req.header('range'))
      return c.body(media.body, media.status, media.headers)
    })
  }

  for (const prefix of ['/api', '/api/json']) {
    app.get(`${prefix}/projects/:name?`, throttle(ctx, LIMITERS.global), function search(c) {
      const body = searchProjects(
        ctx.state().projects.values(),
        c.req.param('name') ?? '',
        phpTruthy(c.req.query('exact')),
      )
      return c.body(body, 200, { 'content-type': API_DATA, 'cache-control': NO_CACHE })
    })
    app.get(`${prefix}/project-version/:slug`, throttle(ctx, LIMITERS.global), function version(c) {
      const slug = c.req.param('slug')
      const body = projectVersion(ctx.state().projects.get(slug), slug)
      return c.body(body, 200, { 'content-type': API_DATA, 'cache-control': NO_CACHE })
    })
  }

  for (const [path, allow] of ROUTES) {
    // Laravel answers a preflight on any known route with 200 and the allowed methods.
    app.options(path, (c) => c.body(null, 200, { allow }))
    app.all(path, methodNotAllowed)
  }
  return app
}
