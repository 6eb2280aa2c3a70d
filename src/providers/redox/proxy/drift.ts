/**
 * How drift checks (docs/drift.md) read Redox: routes named by mount and path with destination,
 * environment and ids as placeholders, a bearer token issued to the scenario's API key for the
 * recorded client (or the first key of that host's region), and the settings that can explain a
 * difference.
 */
import type { DriftProfile, DriftRequest } from '../../drift-profile.js'
import type { ProviderContext } from '../../provider.js'
import { regionOfMount } from '../region.js'
import type { RedoxState } from '../state/model.js'
import { issueAccessToken } from '../routes/token-endpoint.js'

const FHIR = /^\/fhir\/R4\/[^/]+\/[^/]+\/(.*)$/

function route(request: DriftRequest): string {
  const fhir = FHIR.exec(request.path)
  const path = fhir
    ? `/fhir/R4/{destination}/{environment}/${fhirTail(fhir[1] ?? '')}`
    : request.path
  return `${request.method} ${request.mount}${path}`
}

/** `Patient/abc` → `Patient/{id}`; `_search` and `$operations` keep their names. */
function fhirTail(tail: string): string {
  return tail
    .split('/')
    .map((segment, i) => (i % 2 === 1 && !/^[_$]/.test(segment) ? '{id}' : segment))
    .join('/')
}

function authorize(
  ctx: ProviderContext<RedoxState>,
  request: DriftRequest,
  credential: { readonly subject: string } | undefined,
) {
  if (credential === undefined) return Promise.resolve({})
  const state = ctx.state()
  const region = regionOfMount(request.mount)
  const apiKey =
    state.apiKeys.get(credential.subject) ??
    [...state.apiKeys.values()].find((key) => key.region === region)
  if (!apiKey) return Promise.resolve({})
  const kid = [...apiKey.keys.keys()][0] ?? 'drift'
  const deps = { credentials: ctx.world.credentials, random: ctx.world.random, state }
  const token = issueAccessToken(apiKey, kid, deps)
  return Promise.resolve({ headers: { authorization: `Bearer ${token.body.access_token}` } })
}

export const redoxDrift: DriftProfile<RedoxState> = {
  route,
  authorize,
  settings: [
    {
      setting: 'providers.redox.rateLimit',
      why: 'requests per key per window on the data APIs before 429',
      match: { status: 429 },
    },
    {
      setting: 'providers.redox.accessTokenSeconds',
      why: 'how long an access token lives',
      match: { status: 401 },
    },
    {
      setting: 'providers.redox.fhir',
      why: 'the FHIR resources come from the scenario and fixtures/redox',
      match: { route: 'GET /redox/fhir/' },
    },
  ],
  deviations: [
    {
      id: 'redox.operation-ack',
      summary:
        '$-operations are acknowledged with a $process-message-style Bundle and change no data.',
      match: { route: 'POST /redox/fhir/R4/{destination}/{environment}/$', kinds: ['value'] },
    },
    {
      id: 'redox.data-model-query',
      summary: 'Data Model queries get their Meta and logs back, not query results.',
      match: { route: 'POST /redox/endpoint', kinds: ['missing', 'length'] },
    },
  ],
}
