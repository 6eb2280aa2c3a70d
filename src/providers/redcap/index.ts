/**
 * @module REDCap: one form-POST endpoint, `POST /redcap/api/`, with per-user, per-project 32-hex
 * API tokens that a user requests and an administrator approves, and 64-hex super tokens that
 * create projects. Behaviour follows REDCap 15.7.6 as its API documentation (Help & FAQ > API,
 * `api_docs_*`) and the clients PyCap, REDCapR and redcapAPI observe it; docs/protocols/redcap.md
 * holds the sources for each fact.
 *
 * Layout (docs/ARCHITECTURE.md): `routes/pipeline.ts` runs REDCap's check order, `routes/auth.ts`
 * the token checks; `contents/` one module per `content`, listed in `contents/registry.ts`; `wire/`
 * parameters, formats and renderers; `state/` the model, rights (`state/rights.ts`) and the token
 * lifecycle behind the control plane (`state/tokens.ts`); `admin/` the control plane's part.
 *
 * Known deviations:
 * - Times are the virtual clock in UTC (REDCap uses the server's local zone).
 * - Tokens are random uppercase hex from the seeded random, not MD5/SHA-256 of user data.
 * - Contents standin does not implement (mycap, tableau, appRightsCheck, fieldValidation,
 *   attachment, authkey, filesize, fileinfo, externalModule) answer 400 "content" is not valid.
 * - XML `data` that fails to parse gives "...Error: <parser message>"; the parser's wording is
 *   fast-xml-parser's, not libxml's.
 * - The web server's own pages (404, 413, 502-504, the `/api` → `/api/` 301) are Apache's stock
 *   pages; a real site may run another server.
 * - The per-IP rate limiter (§4.5) is not simulated; `rate_limited` forced by other features
 *   renders REDCap's plain-text ban message.
 * - Import error lines whose exact REDCap wording is not documented (unknown event name, bad DAG,
 *   non-0/1 checkbox, bad category) use standin's own sentence in REDCap's line format; so do
 *   bad arm or event rows and metadata rows without field_name/form_name/field_type.
 * - Calculated fields keep the values fixtures give them; nothing is recalculated (imports and
 *   project XML store none).
 *   Record import ignores calc and file fields; values for other forms on a repeating
 *   instrument's row are ignored.
 * - A flat export row shows up when it carries the record-ID field (non-repeating rows) or a form
 *   that was asked for; REDCap's own rule for blank rows is not documented.
 * - filterLogic knows fields, `[event][field]`, `[checkbox(code)]`, literals, comparisons,
 *   and/or/not and parentheses; functions (datediff, if, sum...) disable the filter.
 * - De-identified export drops identifiers and free text; it does not shift dates.
 * - Renaming an event regenerates its unique name. Randomization models come from fixtures only.
 * - Unique role names read from project XML are kept as the XML gives them.
 * - DAG unique names read from project XML are derived from the group names.
 * - Users and roles keep one Data Export level for every form and View & Edit form access:
 *   `forms` is always 1 and `forms_export` repeats the level; per-form rights given on import
 *   are read as that one level. User and role XML/CSV write `forms` as `form:level,...`.
 * - Messages REDCap's documentation does not give are standin's own, in REDCap's style: bad user
 *   attribute values, missing names, unknown usernames/roles/DAGs/doc ids on import or delete
 *   ("The following values in the parameter ... are not valid"), a survey that is not enabled,
 *   surveys disabled, the DAG Switcher refusal, the Survey Distribution Tools 403 (inferred from
 *   the File Repository and Logging wording), the File Repository doc_id 400 (after the
 *   folder_id one). Signature fields and file size limits are not refused.
 * - Log entries follow REDCapR's live log (`Update record (API) 5`, "Export Logging (API)") and
 *   REDCap's `<br>`-to-space rule (`Manage/Design `, `Add user alice`); the wording of role, DAG,
 *   file and repository entries is inferred. Record, file, user, role, DAG and File Repository
 *   changes, project creation, Import Project Info, renames, randomizations, record and report
 *   exports, PDFs and log exports are logged; metadata, arm and event changes and other exports
 *   are not.
 * - A project's Logging keeps its newest 10,000 entries (trimmed once it reaches 11,000); real
 *   REDCap keeps every entry (docs/input-bounds.md).
 * - Survey hashes (16), access codes (9) and return codes (8) are random uppercase letters and
 *   digits made on first use; every survey has Save & Return Later and the survey queue on;
 *   no invitations are sent (participantList shows 0 / blank for them).
 * - The instrument PDF is standin's own layout (Helvetica text, one form per page), named
 *   `<instrument>[_<record>].pdf` in `application/pdf; name="..."`; REDCap's file names differ.
 * - Role-restricted File Repository folders are visible to users with no role; users in no DAG
 *   see DAG-restricted folders. Deleted repository files are gone (no Recycle Bin).
 */
import { redcapHosts } from './hosts.js'
import { redcapInjector } from './proxy/injector.js'
import { redcapDrift } from './proxy/drift.js'
import { authenticateLocalToken } from './proxy/local-credential.js'
import { redcapActions } from './admin/actions.js'
import type { Provider } from '../provider.js'
import { redcapAdminRoutes } from './admin/routes.js'
import { renderRedcapError } from './errors.js'
import type { RedcapState } from './state/model.js'
import { redcapRoutes } from './routes/index.js'
import { RedcapSeedSchema, type RedcapSeed } from './state/seed.js'
import { createRedcapState } from './state/create.js'
import { snapshotState } from './state/state-view.js'
import { seedOfRedcapState } from './state/seed-of.js'

export const redcap = {
  id: redcapHosts.id,
  title: 'REDCap',
  hosts: redcapHosts,
  mounts: redcapHosts.hosts.map((h) => h.mount),
  injector: redcapInjector,
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
  drift: redcapDrift,
  authenticate: authenticateLocalToken,
  renderError: renderRedcapError,
  snapshot: snapshotState,
  seedOf: seedOfRedcapState,
} satisfies Provider<RedcapState, RedcapSeed>
