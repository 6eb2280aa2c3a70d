/**
 * How drift checks (docs/drift.md) read Epicollect5: routes named by their path with the project
 * slug as `{slug}`, a bearer token issued to the scenario's app of the recorded client (or of the
 * project), and the settings that can explain a difference.
 */
import type { DriftProfile, DriftRequest } from '../../drift-profile.js'
import type { ProviderContext } from '../../provider.js'
import type { ClientApp, EpicollectState } from '../state/model.js'
import { issueToken } from '../routes/token-endpoint.js'

/** Paths whose last segment is a project slug. */
const SLUGGED =
  /^(\/api\/(?:export\/(?:entries|project|media)|project-version|project|json\/project|entries|entries-locations|temp-media|media)\/)[^/]+$/

function route(request: DriftRequest): string {
  const path = request.path.replace(SLUGGED, '$1{slug}')
  const branch = request.query.some(([k]) => k === 'branch_ref') ? ' (branch)' : ''
  return `${request.method} ${path}${branch}`
}

function appFor(
  state: EpicollectState,
  clientId: string | undefined,
  path: string,
): ClientApp | undefined {
  const byId = clientId === undefined ? undefined : state.apps.get(Number(clientId))
  if (byId) return byId
  const slug = decodeURIComponent(path.split('/').pop() ?? '')
  return [...state.apps.values()].find((app) => app.project === slug)
}

async function authorize(
  ctx: ProviderContext<EpicollectState>,
  request: DriftRequest,
  credential: { readonly attributes: Readonly<Record<string, string>> } | undefined,
) {
  // The app sent a bearer token only when standin checked one while recording.
  if (credential === undefined) return {}
  const state = ctx.state()
  const app = appFor(state, credential.attributes.clientId, request.path)
  if (!app) return {}
  const { world } = ctx
  const body = await issueToken(
    state,
    { credentials: world.credentials, random: world.random, nowMs: world.clock.epochMs() },
    {
      params: {
        grant_type: 'client_credentials',
        client_id: String(app.clientId),
        client_secret: app.secret,
      },
      basic: undefined,
    },
  )
  const { access_token } = JSON.parse(body) as { access_token: string }
  return { headers: { authorization: `Bearer ${access_token}` } }
}

export const epicollectDrift: DriftProfile<EpicollectState> = {
  route,
  authorize,
  settings: [
    {
      setting: 'providers.epicollect.rateLimits',
      why: 'requests allowed per window before 429',
      match: { status: 429 },
    },
    {
      setting: 'providers.epicollect.perPageMax',
      why: 'the largest per_page before ec5_335',
      match: { kinds: ['error'], route: 'GET /api/export/entries/' },
    },
    {
      setting: 'providers.epicollect.projects',
      why: 'forms, entries and media come from the project folders under fixtures/epicollect',
      match: { route: 'GET /api/export/' },
    },
  ],
  deviations: [
    {
      id: 'epicollect.thumbnails',
      summary:
        'Thumbnails and mobile logos are pre-rendered fixture files, not resized on the fly.',
      match: { route: 'GET /api/export/media/{slug}', kinds: ['value', 'length'] },
    },
    {
      id: 'epicollect.whole-coordinates',
      summary: "Whole-number coordinates print as 52, not PHP's 52.0.",
      match: { route: 'GET /api/export/entries/{slug}', kinds: ['type'] },
    },
  ],
}
