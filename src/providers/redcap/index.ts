/**
 * @module REDCap: one form-POST endpoint, `POST /redcap/api/`, with per-user, per-project 32-hex
 * API tokens that a user requests and an administrator approves, and 64-hex super tokens that
 * create projects. Behaviour follows REDCap 15.7.6 as its API documentation (Help & FAQ > API,
 * `api_docs_*`) and the clients PyCap, REDCapR and redcapAPI observe it; the protocol notes hold
 * the sources for each fact.
 *
 * Layout: `pipeline.ts` runs REDCap's check order; `auth.ts` the token checks; `rights.ts` the
 * rights model; `contents/` one module per `content`, listed in `contents/registry.ts`; `wire/`
 * parameters, formats and renderers; `tokens.ts` the token lifecycle behind the control plane.
 *
 * Known deviations:
 * - Times are the virtual clock in UTC (REDCap uses the server's local zone).
 * - Tokens are random uppercase hex from the seeded random, not MD5/SHA-256 of user data.
 * - Contents REDCap supports but standin does not implement answer 400 "content" is not valid.
 * - XML `data` that fails to parse gives "...Error: <parser message>"; the parser's wording is
 *   fast-xml-parser's, not libxml's.
 * - The web server's own pages (404, 413, 502-504, the `/api` → `/api/` 301) are Apache's stock
 *   pages; a real site may run another server.
 * - The per-IP rate limiter (§4.5) is not simulated; `rate_limited` forced by other features
 *   renders REDCap's plain-text ban message.
 * - Import error lines whose exact REDCap wording is not documented (unknown event name, bad DAG,
 *   non-0/1 checkbox, bad category) use standin's own sentence in REDCap's line format.
 */
import type { Provider } from '../provider.js'
import { redcapAdminRoutes } from './admin-routes.js'
import { renderRedcapError } from './errors.js'
import type { RedcapState } from './model.js'
import { redcapRoutes } from './routes.js'
import { RedcapSeedSchema, type RedcapSeed } from './seed.js'
import { createRedcapState, snapshotState } from './state.js'

export const redcap: Provider<RedcapState, RedcapSeed> = {
  id: 'redcap',
  title: 'REDCap',
  mounts: ['/redcap'],
  seedSchema: RedcapSeedSchema,
  createState: (seed, world) =>
    createRedcapState(seed ?? RedcapSeedSchema.parse({}), {
      clock: world.clock,
      random: world.random,
      credentials: world.credentials,
      fixtures: world.fixtures,
    }),
  routes: redcapRoutes,
  adminRoutes: redcapAdminRoutes,
  renderError: renderRedcapError,
  snapshot: snapshotState,
}
