/**
 * @module Redox: OAuth API keys with signed client assertions, the US host
 * (`https://api.redoxengine.com`, mounted at `/redox`) and the Canada host
 * (`https://api.ca.redoxengine.com`, mounted at `/redox-ca`), 5-minute access tokens, the FHIR R4
 * API, the Data Model API and the legacy key flow.
 *
 * Sources:
 * - https://docs.redoxengine.com/how-to/send-and-manage-requests/authenticate-with-jwt
 * - https://docs.redoxengine.com/how-to-use-redox/send-and-manage-requests/authenticate-an-oauth-api-key/
 * - https://docs.redoxengine.com/troubleshooting/troubleshoot-oauth-api-key-errors/
 * - https://developer.redoxengine.com/how-to-use-redox/manage-your-redox-setup/authenticate-a-legacy-api-key/
 * - https://developer.redoxengine.com/api-reference/error-handling-and-responses
 * - https://docs.redoxengine.com/basics/redox-fhir-api/understanding-fhir-search/
 * - https://developer.redoxengine.com/redox-json-api/initiating-requests/send/
 *
 * Known deviations (Redox is silent on these; each is a choice, most are switches in the seed):
 * - Token errors answer 400 `invalid_request` with Redox's documented body; `assertionErrors:
 *   invalid_client` answers assertion failures 401 `invalid_client` instead. No `WWW-Authenticate`
 *   on token errors (openid-client would lose the body).
 * - Wrong signature, `alg`, `aud`, `iat`, `exp`, `nbf`, `sub`, `client_id` and replayed `jti` all
 *   get a blank `error_description`, as documented for wrong values; a missing or mistyped claim
 *   gets `Unexpected "<claim>" claim value`. `verboseErrors: true` puts the reason on the wire.
 * - A replayed `jti` is refused (`rejectReplayedJti`, default on) until max(exp, iat + 5 min) + 10 s,
 *   although Redox's own Node sample posts one assertion twice.
 * - Algorithms: RS384 and ES384 by default (`algorithms` per key adds RS256 and others); a JWK's own
 *   `alg` must match. HS384 (legacy Source Auth v2) is not offered. `typ` is not required.
 * - `aud` must be this host's token URL as the client reached it, or the real one; the issuer-only
 *   `aud` that openid-client sends by default is refused, as it would be at Redox.
 * - A form `client_id` (openid-client always sends one) must equal the assertion's `iss`.
 * - `scope` in the token response is `fhir:<environment>` of the key, whatever the client asked.
 * - Access tokens are 28 random alphanumerics; legacy tokens are UUIDs; the legacy refresh token
 *   stays valid and is returned again on refresh.
 * - Generated key pairs come from the platform's crypto, not the scenario seed, so they differ run
 *   to run; everything else replays from the seed.
 * - Refusals in front of an API (401, 429, 413, 5xx) have one gateway body
 *   `{"error","error_description"}` (401 adds `WWW-Authenticate: Bearer error="invalid_token"`);
 *   FHIR errors are OperationOutcomes; Data Model errors are `Meta.Errors[]` whose `ID` is a stable
 *   hash of the text.
 * - The rate limit counts per API key (Redox: per IP), on the data APIs only, not the token endpoint.
 * - FHIR (docs/redox-fhir.md): a token works only for its key's environment (403 otherwise) and the
 *   destinations in `fhir.destinations`. Search knows the parameters in
 *   `routes/fhir-search-params.ts`; others are ignored with an OperationOutcome warning entry (Redox
 *   passes them to the EHR, whose answer standin cannot know). Pages follow `_count`/`_offset` in
 *   fixture order. `GET …/metadata` is open and describes standin (Redox documents none). Compartment
 *   search (`Patient/{id}/Observation`), which Redox does not document, answers 404.
 *   `$`-operations are acknowledged with a `$process-message`-style Bundle, change no data, and any
 *   `$name` is accepted (the CapabilityStatement lists the documented two). A header without an id
 *   gets an answer without `response`. `Redox-Source-Id` is ignored.
 * - Data Model: any `DataModel`/`EventType` pair is accepted; PatientSearch `Query` and
 *   ClinicalSummary `PatientQuery` answer from the FHIR fixtures (a search that finds nobody gets an
 *   empty `Patient`); other queries get their `Meta` and logs back, not results.
 */
import { redoxHosts } from './hosts.js'
import { redoxInjector } from './proxy/injector.js'
import { redoxDrift } from './proxy/drift.js'
import { authenticateLocalToken } from './proxy/local-credential.js'
import type { Provider } from '../provider.js'
import { redoxAdminRoutes } from './admin/routes.js'
import { createRedoxState } from './state/create.js'
import { redoxActions } from './admin/actions.js'
import { renderRedoxError } from './errors.js'
import { redoxRoutes } from './routes/index.js'
import { RedoxSeedSchema, type RedoxSeed } from './state/seed.js'
import { seedOfState, snapshotState, type RedoxState } from './state/model.js'

export const redox = {
  id: redoxHosts.id,
  title: 'Redox',
  hosts: redoxHosts,
  mounts: redoxHosts.hosts.map((h) => h.mount),
  injector: redoxInjector,
  seedSchema: RedoxSeedSchema,
  createState: (seed, world) =>
    createRedoxState(seed, { fixtures: world.fixtures, nowIso: world.clock.now().toISOString() }),
  routes: redoxRoutes,
  adminRoutes: redoxAdminRoutes,
  actions: redoxActions,
  drift: redoxDrift,
  authenticate: authenticateLocalToken,
  renderError: renderRedoxError,
  snapshot: snapshotState,
  seedOf: seedOfState,
} satisfies Provider<RedoxState, RedoxSeed>
