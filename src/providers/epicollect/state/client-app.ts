/**
 * The project's Apps page: create an app (one per project, an integer client id and a 40-character
 * secret kept in plain text), Revoke Token (delete every access-token row of the app; the app stays)
 * and Delete App (drop the client and its project link but, as the server does, not its token rows:
 * an old token then fails the link check with `ec5_257`).
 *
 * @see epicollect5-server app/Http/Controllers/Web/Project/ProjectAppsController.php and
 *   tests/Http/Controllers/Web/Project/ProjectAppsControllerTest.php
 */
import type { CredentialRegistry } from '../../../core/credentials.js'
import { StandinError } from '../../../core/errors.js'
import type { Random } from '../../../core/random.js'
import { isGone } from '../routes/project-search.js'
import { appOfProject, type ClientApp, type EpicollectState } from './model.js'

export const PROVIDER_ID = 'epicollect'
export const ACCESS_TOKEN_KIND = 'access_token'

export interface AppDeps {
  readonly credentials: CredentialRegistry
  readonly random: Random
  readonly nowMs: number
}

/** The Apps page exists only for live projects: trashed and archived ones have none. */
function projectOrFail(state: EpicollectState, slug: string): void {
  const project = state.projects.get(slug)
  if (!project || isGone(project))
    throw new StandinError(
      'not_found',
      project
        ? `Epicollect5 project "${slug}" is ${project.status}; it has no Apps page.`
        : `No Epicollect5 project "${slug}" in this scenario.`,
    )
}

function appOrFail(state: EpicollectState, slug: string): ClientApp {
  projectOrFail(state, slug)
  const app = appOfProject(state, slug)
  if (!app) throw new StandinError('not_found', `Project "${slug}" has no app.`)
  return app
}

export function createClientApp(
  state: EpicollectState,
  deps: AppDeps,
  slug: string,
  name: string,
): ClientApp {
  projectOrFail(state, slug)
  const existing = appOfProject(state, slug)
  if (existing)
    throw new StandinError(
      'conflict',
      `Project "${slug}" already has an app (client ${String(existing.clientId)}); Epicollect5 allows one.`,
    )
  const app: ClientApp = {
    clientId: state.nextClientId++,
    secret: deps.random.alphanumeric(40),
    name,
    project: slug,
    createdAtMs: deps.nowMs,
  }
  state.apps.set(app.clientId, app)
  return app
}

/** Deletes (revokes, in the registry) every live token of a client id; returns how many. */
export function deleteClientTokens(
  credentials: CredentialRegistry,
  clientId: number,
  reason: string,
): number {
  const id = String(clientId)
  return credentials.revokeWhere(
    (c) =>
      c.provider === PROVIDER_ID && c.kind === ACCESS_TOKEN_KIND && c.attributes.clientId === id,
    reason,
  )
}

export function revokeAppTokens(state: EpicollectState, deps: AppDeps, slug: string) {
  const app = appOrFail(state, slug)
  const revoked = deleteClientTokens(
    deps.credentials,
    app.clientId,
    'Revoke Token on the Apps page',
  )
  return { client_id: app.clientId, revoked }
}

export function deleteApp(state: EpicollectState, slug: string) {
  const app = appOrFail(state, slug)
  state.apps.delete(app.clientId)
  return { client_id: app.clientId, deleted: true }
}
