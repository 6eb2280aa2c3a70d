/**
 * Epicollect5's world: the projects from fixtures, the client apps (`oauth_clients` with their
 * `oauth_client_projects` link), the signing keys, the rate-limit windows and a cache of verified
 * token signatures. Access-token rows live in the credential registry, so the control plane's
 * expire and revoke levers reach them.
 */
import type { FixtureStore } from '../../../core/fixtures.js'
import type { Random } from '../../../core/random.js'
import { importSigningKeys, type AccessClaims, type SigningKeys } from './access-token.js'
import { loadProjects, type ProjectRecord } from './project-fixtures.js'
import { RateLimiter } from './rate-limit.js'
import type { EpicollectSeed, RateLimits } from './seed.js'

export interface ClientApp {
  readonly clientId: number
  readonly secret: string
  readonly name: string
  /** The project slug the app is linked to. */
  readonly project: string
  readonly createdAtMs: number
}

export interface EpicollectSettings {
  /** false: no limits at all (scenario `rateLimits: false` or `--no-rate-limits`). */
  readonly rateLimits: RateLimits | false
  readonly perPageMax: number
  readonly tokenLifetimeSeconds: number
}

export interface EpicollectState {
  readonly settings: EpicollectSettings
  readonly projects: ReadonlyMap<string, ProjectRecord>
  /** By client id. */
  readonly apps: Map<number, ClientApp>
  /** oauth_clients is auto-increment: ids are never reused, even after Delete App. */
  nextClientId: number
  /** Imported on first use, so a cold start does not wait for WebCrypto. */
  keys(): Promise<SigningKeys>
  readonly limiter: RateLimiter
  /** Tokens whose signature was already checked, so each request pays only the cheap checks. */
  readonly verified: Map<string, AccessClaims>
}

export const DEFAULT_KEYS = {
  privateKey: 'epicollect/oauth-private.key',
  publicKey: 'epicollect/oauth-public.key',
}

/** Client ids start here, like a server that has seen a few apps before. */
const FIRST_CLIENT_ID = 101

export interface StateDeps {
  readonly fixtures: FixtureStore
  readonly random: Random
  readonly nowMs: number
  readonly rateLimitsEnabled: boolean
}

export function createEpicollectState(seed: EpicollectSeed, deps: StateDeps): EpicollectState {
  const projects = loadProjects(deps.fixtures, seed.projects)
  const keyFiles = seed.signingKey ?? DEFAULT_KEYS
  const pems = [
    deps.fixtures.readText(keyFiles.privateKey),
    deps.fixtures.readText(keyFiles.publicKey),
  ]
  const state: EpicollectState = {
    settings: {
      rateLimits: deps.rateLimitsEnabled ? seed.rateLimits : false,
      perPageMax: seed.perPageMax,
      tokenLifetimeSeconds: seed.tokenLifetimeSeconds,
    },
    projects,
    apps: new Map(),
    nextClientId: Math.max(
      FIRST_CLIENT_ID,
      seed.nextClientId ?? 0,
      ...seed.apps.map((a) => (a.clientId ?? 0) + 1),
    ),
    keys: () => importSigningKeys(pems[0] ?? '', pems[1] ?? ''),
    limiter: new RateLimiter(),
    verified: new Map(),
  }
  for (const app of seed.apps) {
    if (!projects.has(app.project))
      throw new Error(`Failed to seed an Epicollect5 app: no project "${app.project}".`)
    if ([...state.apps.values()].some((a) => a.project === app.project))
      throw new Error(`Failed to seed an Epicollect5 app: "${app.project}" already has one.`)
    const clientId = app.clientId ?? state.nextClientId++
    if (state.apps.has(clientId))
      throw new Error(`Failed to seed an Epicollect5 app: client id ${String(clientId)} is taken.`)
    state.apps.set(clientId, {
      clientId,
      secret: app.clientSecret ?? deps.random.alphanumeric(40),
      name: app.name,
      project: app.project,
      createdAtMs: app.createdAt === undefined ? deps.nowMs : Date.parse(app.createdAt),
    })
  }
  return state
}

/**
 * The scenario section that rebuilds this state, for `GET /_standin/snapshot`: the apps as they
 * stand (created, deleted at runtime) and the next client id; projects and entries come from
 * fixtures, which nothing at runtime changes. Secrets are written for the snapshot to strip and
 * name (admin/snapshot.ts): a loaded snapshot gives each app a new one.
 */
export function seedOfEpicollectState(state: EpicollectState, loaded: unknown): unknown {
  const base = typeof loaded === 'object' && loaded !== null ? loaded : {}
  // The written keys go last, whatever their place in the loaded section, so that snapshotting a
  // loaded snapshot gives the same text.
  const rest = Object.entries(base).filter(([key]) => key !== 'apps' && key !== 'nextClientId')
  return {
    ...Object.fromEntries(rest),
    apps: [...state.apps.values()].map((app) => ({
      project: app.project,
      name: app.name,
      clientId: app.clientId,
      clientSecret: app.secret,
      createdAt: new Date(app.createdAtMs).toISOString(),
    })),
    nextClientId: state.nextClientId,
  }
}

export function appOfProject(state: EpicollectState, slug: string): ClientApp | undefined {
  for (const app of state.apps.values()) if (app.project === slug) return app
  return undefined
}
