/**
 * The `project.permissions.api` middleware of the export routes: slugify the slug (empty → 404
 * `ec5_21`), find the project (missing, trashed or archived → 404 `ec5_11`); a public project needs
 * nothing more, whatever `Authorization` holds. A private one needs `Bearer <jwt>` whose signature,
 * times and row are good (else 404 `ec5_256`: missing, malformed, expired, revoked and superseded
 * tokens all look alike) and whose client is linked to this project (else 404 `ec5_257`).
 *
 * @see epicollect5-server app/Http/Middleware/ProjectPermissionsApi.php and
 *   RequestAttributesMiddleware.php; league/oauth2-server 8.5.5 BearerTokenValidator
 */
import type { CredentialRegistry } from '../../../core/credentials.js'
import {
  AccessDenied,
  timeProblem,
  verifyAccessToken,
  type AccessClaims,
} from '../state/access-token.js'
import { PROVIDER_ID } from '../state/client-app.js'
import { ec5Error } from '../errors.js'
import type { ProjectRecord } from '../state/project-fixtures.js'
import { isGone } from './project-search.js'
import { slugify } from '../wire/slug.js'
import type { EpicollectState } from '../state/model.js'

export interface AccessDeps {
  readonly credentials: CredentialRegistry
  readonly nowMs: number
}

export interface Access {
  readonly project: ProjectRecord
  /** The registry id of the token used, for the journal; none on public projects. */
  readonly credentialId?: string
}

/** The project a raw route slug names, or the 404 the middleware gives. */
export function findProject(state: EpicollectState, rawSlug: string): ProjectRecord {
  const slug = slugify(rawSlug)
  if (slug === '')
    throw ec5Error('not_found', 'ec5_21', 'middleware', 404, 'the slug is empty once slugified')
  const project = state.projects.get(slug)
  if (!project || isGone(project))
    throw ec5Error(
      'not_found',
      'ec5_11',
      'middleware',
      404,
      project ? `project "${slug}" is ${project.status}` : `no project "${slug}"`,
    )
  return project
}

const denied = (why: string) => ec5Error('token_revoked', 'ec5_256', 'middleware', 404, why)

/** The verified claims of a token, from the cache after the first signature check. */
async function claimsOf(state: EpicollectState, jwt: string): Promise<AccessClaims> {
  const cached = state.verified.get(jwt)
  if (cached) return cached
  try {
    const claims = await verifyAccessToken(await state.keys(), jwt)
    if (state.verified.size >= 10_000) state.verified.clear()
    state.verified.set(jwt, claims)
    return claims
  } catch (error) {
    throw denied(error instanceof AccessDenied ? error.message : 'the token could not be read')
  }
}

export async function checkAccess(
  state: EpicollectState,
  deps: AccessDeps,
  rawSlug: string,
  authorization: string | undefined,
): Promise<Access> {
  const project = findProject(state, rawSlug)
  if (project.access === 'public') return { project }
  if (authorization === undefined) throw denied('no Authorization header')
  const jwt = authorization.replace(/^\s*Bearer\s/, '').trim()
  const claims = await claimsOf(state, jwt)
  const late = timeProblem(claims, deps.nowMs)
  if (late) throw denied(late)
  const lookup = deps.credentials.lookup(PROVIDER_ID, jwt)
  // Passport treats a token row that no longer exists as revoked.
  if (!lookup.found) throw denied('no such token row (issued by another world, or purged)')
  const { credential } = lookup
  if (lookup.status === 'expired')
    throw denied(`token ${credential.id} expired at ${credential.expiresAt ?? '?'} (virtual time)`)
  if (lookup.status === 'revoked')
    throw denied(`token ${credential.id} was deleted: ${credential.revokedReason ?? 'revoked'}`)
  const app = state.apps.get(Number(claims.aud))
  if (!app || app.project !== project.slug) {
    const why = app
      ? `client ${claims.aud} belongs to "${app.project}"`
      : `client ${claims.aud} was deleted`
    throw ec5Error('forbidden', 'ec5_257', 'middleware', 404, why)
  }
  return { project, credentialId: credential.id }
}
