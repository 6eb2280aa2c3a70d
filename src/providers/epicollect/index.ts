/**
 * @module Epicollect5 (`/epicollect` + the real path): client apps, the client_credentials token
 * endpoint, and the documented read API (entries and branch entries, project, media, search).
 *
 * Simulates https://five.epicollect.net/api/... as the open-source server (epicollect5-server,
 * release 12.5.31) implements it, and as https://developers.epicollect.net describes it:
 * - `POST /api/oauth/token` (api-authentication/retrieve-token);
 * - `GET /api/export/entries/{slug}` with `branch_ref` for branch entries (entries/*);
 * - `GET /api/export/project/{slug}` (project/export-project);
 * - `GET /api/export/media/{slug}` and the `/api/media/{slug}` URLs of public exports (media/*);
 * - `GET /api/projects/{name}` and `/api/project-version/{slug}` (names and slugs compared as the
 *   `utf8_unicode_ci` columns do: case, accents and trailing spaces ignored);
 * - the web app's `GET /api/project/{slug}`, `/api/json/project/{slug}`, `/api/entries/{slug}`,
 *   `/api/entries-locations/{slug}` and `/api/temp-media/{slug}` for public projects (private ones
 *   404 `ec5_77`);
 * - the Apps page (create, Revoke Token, Delete App) at `/_standin/epicollect`.
 *
 * Known deviations:
 * - Rate limits by IP (token endpoint, search, /api/media) key on the first `X-Forwarded-For`
 *   address, or one shared bucket when there is none: the server's socket address is not visible
 *   to the app. Limits default to the server code's values, not the lower documented ones.
 * - `entry_thumb` and `project_mobile_logo` serve pre-rendered files from the fixtures (or the
 *   original) instead of resizing on the fly; the placeholders are look-alikes padded with a JPEG
 *   comment to the server's 40,073 and 3,735 bytes, and the mobile-logo placeholder is not resized.
 * - No Epicollect5 user ever signs in, so the web app's routes refuse every private project with
 *   `ec5_77` (never `ec5_78` or `ec5_91`), and `meta.project_user` is the anonymous "User".
 *   `/api/temp-media` has no temporary uploads to serve and always falls through to the saved media.
 * - The web app's `/api/entries/{slug}` and `/api/entries-locations/{slug}` rebuild the stored
 *   entry JSON and GeoJSON from the fixture answers: `project_version` is the current structure
 *   version, `was_jumped` is false, user ids are 0 or the uploader's place in the project, and
 *   `branch_counts`/`child_counts` are the settled counts (docs/epicollect.md, "The stored entry").
 * - Media on S3 with presigned redirects (`API_EXPORT_MEDIA_S3_REDIRECT_ENABLED`) is not simulated;
 *   files are served as the local-disk driver does.
 * - An out-of-range `Range` header gets the whole file with a correct `Content-Length` (the server
 *   sends the requested length, a framing bug).
 * - Date filters accept ISO 8601 dates and times (`2024-05-02`, `2024-05-02T10:00:00.000`, with or
 *   without a zone); other `strtotime` phrases (`next monday`, `02-05-2024`) give `ec5_79`.
 * - `input_ref` is checked for existence only; the server never applies its answer search either,
 *   as `search` is not among the accepted keys.
 * - The legacy Passport route `POST /oauth/token` (without `/api`) is not served.
 * - Paths outside `/api` answer 422 `ec5_219` in JSON, where the server would show an HTML page.
 * - Errors the server never produces on these routes (body too large, 5xx) use the closest ec5 code:
 *   413 `ec5_206`, 500/502/504 `ec5_116`, 503 `ec5_252` (maintenance, which the real server answers
 *   with a 404: a forced 503 keeps the status QA asked for).
 * - Entries with the same sort value keep fixture order (MySQL leaves ties unordered). Coordinates
 *   that are whole numbers print as `52`, not PHP's `52.0`; decimal answers do print `18.0`.
 * - A date or time answer that cannot be parsed exports as `''` (PHP would print 01/01/1970).
 */
import { epicollectHosts } from './hosts.js'
import { epicollectInjector } from './proxy/injector.js'
import { epicollectDrift } from './proxy/drift.js'
import { authenticateLocalToken } from './proxy/local-credential.js'
import { epicollectActions } from './admin/actions.js'
import type { Provider } from '../provider.js'
import { epicollectAdminRoutes } from './admin/routes.js'
import { renderEc5Error } from './errors.js'
import { isGone } from './routes/project-search.js'
import { epicollectRoutes } from './routes/index.js'
import { EpicollectSeedSchema, type EpicollectSeed } from './state/seed.js'
import {
  createEpicollectState,
  seedOfEpicollectState,
  type EpicollectState,
} from './state/model.js'

export const epicollect = {
  id: epicollectHosts.id,
  title: 'Epicollect5',
  hosts: epicollectHosts,
  mounts: epicollectHosts.hosts.map((h) => h.mount),
  injector: epicollectInjector,
  seedSchema: EpicollectSeedSchema,
  createState: (seed, world) =>
    createEpicollectState(seed ?? EpicollectSeedSchema.parse({}), {
      fixtures: world.fixtures,
      random: world.random,
      nowMs: world.clock.epochMs(),
      rateLimitsEnabled: world.config.rateLimits,
    }),
  routes: epicollectRoutes,
  adminRoutes: epicollectAdminRoutes,
  actions: epicollectActions,
  drift: epicollectDrift,
  authenticate: authenticateLocalToken,
  renderError: (error, c) => renderEc5Error(error, c),
  seedOf: seedOfEpicollectState,
  snapshot: (state) => ({
    // The projects the API serves: trashed and archived ones answer as if they did not exist.
    projects: [...state.projects.values()]
      .filter((p) => !isGone(p))
      .map((p) => ({
        slug: p.slug,
        name: p.name,
        access: p.access,
        status: p.status,
      })),
    apps: [...state.apps.values()].map((app) => ({
      client_id: app.clientId,
      name: app.name,
      project: app.project,
      secretPrefix: app.secret.slice(0, 6),
      created_at: new Date(app.createdAtMs).toISOString(),
    })),
  }),
} satisfies Provider<EpicollectState, EpicollectSeed>
