/**
 * The QA dashboard at `/_standin/ui/`: plain HTML, CSS and ES modules from `src/admin/dashboard/`
 * that talk only to the control API (fetch and `/_standin/events`). No build step: the build copies
 * the files to `dist/admin/dashboard/`, the Node edge hands them in here (read once, on the first
 * request for one), so this module stays free of `node:fs` (docs/decisions/dashboard-assets.md). An
 * in-process standin built without them answers 404.
 */
import { Hono, type Context } from 'hono'
import { StandinError } from '../core/errors.js'
import { renderAdminError } from './envelope.js'

/** File name (no folders) → contents. */
export type DashboardFiles = ReadonlyMap<string, string>

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  svg: 'image/svg+xml',
}

/**
 * Only standin's own files run in the page, and only standin is called, so a value a provider echoes
 * (a username, a path in the journal) can never become script.
 */
const HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
}

export function dashboardRoutes(files: DashboardFiles | undefined): Hono {
  const app = new Hono()
  app.onError(renderAdminError)
  // A relative Location keeps any prefix in front of /_standin (isolated sessions).
  app.get('/', (c) => c.redirect('ui/', 301))
  app.get('/*', function serveDashboardFile(c) {
    const segments = c.req.path.split('/')
    const name = segments.at(-1) || 'index.html'
    if (segments.at(-2) !== 'ui') throw notFound(c)
    return serveFile(c, files, name)
  })
  return app
}

function serveFile(c: Context, files: DashboardFiles | undefined, name: string): Response {
  if (!files || files.size === 0) {
    throw new StandinError(
      'not_found',
      'This standin has no dashboard files: the dashboard is served by `standin start` and by createStandin from "standin".',
    )
  }
  const body = files.get(name)
  const type = CONTENT_TYPES[name.slice(name.lastIndexOf('.') + 1)]
  if (body === undefined || type === undefined) throw notFound(c)
  return c.body(body, 200, { ...HEADERS, 'content-type': type })
}

function notFound(c: Context): StandinError {
  return new StandinError('not_found', `No dashboard file at ${c.req.path}.`)
}
