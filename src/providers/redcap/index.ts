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
 *   non-0/1 checkbox, bad category) use standin's own sentence in REDCap's line format; so do
 *   arm/event imports on classic projects, bad arm or event rows and metadata rows without
 *   field_name/form_name/field_type.
 * - Calculated fields keep the values they were given (fixtures, ODM); nothing is recalculated.
 *   Record import ignores calc and file fields; values for other forms on a repeating
 *   instrument's row are ignored.
 * - A flat export row shows up when it carries the record-ID field (non-repeating rows) or a form
 *   that was asked for; REDCap's own rule for blank rows is not documented.
 * - filterLogic knows fields, `[event][field]`, `[checkbox(code)]`, literals, comparisons,
 *   and/or/not and parentheses; functions (datediff, if, sum...) disable the filter.
 * - De-identified export drops identifiers and free text; it does not shift dates.
 * - Renaming an event regenerates its unique name; `record` rename/randomize are not implemented.
 * - DAG unique names read from project XML are derived from the group names.
 */
import { redcapActions } from './actions.js'
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
  actions: redcapActions,
  renderError: renderRedcapError,
  snapshot: snapshotState,
}
