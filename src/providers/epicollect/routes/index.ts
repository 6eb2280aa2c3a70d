/**
 * The wire routes under `/epicollect`, each as `routes/api_external.php` declares it: its throttle
 * first, then the project check, then the controller. Handlers parse, call one domain function and
 * render. A known path with the wrong method is 422 `ec5_219` "method not allowed exception"; the
 * app's catch-all makes any other path 422 `ec5_219` "page not found exception".
 */
import type { Context } from 'hono'
import { Hono } from 'hono'
import { StandinError } from '../../../core/errors.js'
import { providerBaseUrl, urlParts } from '../../base-url.js'
import { pathUnderMount } from '../../host.js'
import type { ProviderContext, StandinEnv } from '../../provider.js'
import { cachedEntriesPage } from './entries-cache.js'
import { exportEntries } from './entries-export.js'
import { entriesLocations, readLocationsQuery } from './entries-locations.js'
import { readEntriesQuery, readViewQuery } from './entries-query.js'
import { viewEntries } from './entries-view.js'
import { ec5Error } from '../errors.js'
import { serveMedia } from './media-export.js'
import { checkAccess, findProject } from './project-access.js'
import { exportProject, showProject } from './project-export.js'
import { projectBySlug, projectVersion, searchProjects } from './project-search.js'
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
  const path = pathUnderMount(urlParts(c.req.url).pathname, mount)
  return `${providerBaseUrl(c, mount)}${path}`.replace(/\/+$/, '')
}

/** The CORS headers of the server's Apache config (public/.htaccess-example). */
const CORS = [
  ['access-control-allow-origin', '*'],
  ['access-control-allow-methods', 'GET,POST,OPTIONS'],
  ['access-control-allow-headers', 'Content-Type, Authorization, X-XSRF-TOKEN'],
  [
    'access-control-expose-headers',
    'Authorization, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining',
  ],
] as const

const ROUTES = [
  ['/api/oauth/token', 'POST'],
  ['/api/export/entries/:slug', 'GET,HEAD'],
  ['/api/export/project/:slug', 'GET,HEAD'],
  ['/api/export/media/:slug', 'GET,HEAD'],
  ['/api/media/:slug', 'GET,HEAD'],
  ['/api/json/media/:slug', 'GET,HEAD'],
  ['/api/temp-media/:slug', 'GET,HEAD'],
  ['/api/project/:slug', 'GET,HEAD'],
  ['/api/entries/:slug', 'GET,HEAD'],
  ['/api/entries-locations/:slug', 'GET,HEAD'],
  ['/api/json/project/:slug', 'GET,HEAD'],
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
  // Set before the handler runs, so they go into the response as it is built (errors included)
  // instead of being added to a finished response, whose headers would then be materialised.
  app.use(async function corsHeaders(c, next) {
    for (const [name, value] of CORS) c.header(name, value)
    await next()
  })
  const deps = () => ({
    credentials: ctx.world.credentials,
    random: ctx.world.random,
    nowMs: ctx.world.clock.epochMs(),
  })
  const query = (c: Context) => parseQuery(urlParts(c.req.url).search)
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

  const pageContext = (c: Context) => ({
    baseUrl: providerBaseUrl(c, mount),
    requestUrl: requestUrl(c, mount),
    nowMs: ctx.world.clock.epochMs(),
  })

  app.get('/api/export/entries/:slug', throttle(ctx, LIMITERS.entries), async function entries(c) {
    const project = await access(c)
    const { perPageMax } = ctx.state().settings
    const page = pageContext(c)
    const search = urlParts(c.req.url).search
    const out = cachedEntriesPage(project, { ...page, search, perPageMax }, () =>
      exportEntries(project, readEntriesQuery(parseQuery(search), project, perPageMax), page),
    )
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

  /**
   * The web app's routes (`project.permissions`): a public project for anyone; a private one wants
   * a signed-in Epicollect5 user, which an OAuth token is not, so it is 404 `ec5_77` here.
   */
  const publicProject = (c: Context<StandinEnv>) => {
    const project = findProject(ctx.state(), c.req.param('slug') ?? '')
    if (project.access === 'private')
      throw ec5Error(
        'forbidden',
        'ec5_77',
        'middleware',
        404,
        `${project.slug} is private: ${c.req.path} needs a user session`,
      )
    return project
  }
  const appMedia = (c: Context<StandinEnv>) => {
    const media = serveMedia(ctx.world.fixtures, publicProject(c), query(c), c.req.header('range'))
    return c.body(media.body, media.status, media.headers)
  }

  for (const path of ['/api/media/:slug', '/api/json/media/:slug'])
    app.get(path, throttle(ctx, LIMITERS.appMedia), appMedia)
  // Temporary uploads come from the web app's upload form, which standin does not serve, so every
  // request falls through to the saved media, as the server does for a missing temp file.
  app.get('/api/temp-media/:slug', throttle(ctx, LIMITERS.global), appMedia)

  for (const path of ['/api/project/:slug', '/api/json/project/:slug'])
    app.get(path, throttle(ctx, LIMITERS.global), function showProjectRoute(c) {
      const body = showProject(ctx.world.fixtures, publicProject(c), providerBaseUrl(c, mount))
      return c.body(body, 200, { 'content-type': API_DATA, 'cache-control': NO_CACHE })
    })

  app.get('/api/entries/:slug', throttle(ctx, LIMITERS.global), function entriesView(c) {
    const project = publicProject(c)
    const body = viewEntries(project, readViewQuery(query(c), project), pageContext(c))
    return c.body(body, 200, { 'content-type': API_DATA, 'cache-control': NO_CACHE })
  })
  app.get('/api/entries-locations/:slug', throttle(ctx, LIMITERS.global), function locations(c) {
    const project = publicProject(c)
    const body = entriesLocations(project, readLocationsQuery(query(c), project), pageContext(c))
    return c.body(body, 200, { 'content-type': API_DATA, 'cache-control': NO_CACHE })
  })

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
      const body = projectVersion(projectBySlug(ctx.state().projects, slug), slug)
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
