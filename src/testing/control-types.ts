/**
 * What the control plane sends back, as the typed control client returns it. The provider routes
 * follow the control plane's routes (`src/admin/routes.ts`).
 */
import type { JWK } from 'jose'
import type { ClockSnapshot } from '../core/clock.js'
import type { CredentialView } from '../core/credentials.js'
import type { JournalEntry } from '../core/journal.js'
import type { HostName } from '../providers/index.js'
import type { SessionView } from '../sessions/registry.js'

export type { ClockSnapshot, CredentialView, JournalEntry, SessionView }

export interface Health {
  readonly status: 'ok'
  readonly version: string
}

export interface ResetResult {
  readonly status: 'reset'
  readonly clock: ClockSnapshot
}

export interface ScenarioLoaded {
  readonly status: 'loaded'
  readonly name: string | null
  readonly clock: ClockSnapshot
}

export interface StateSnapshot {
  readonly clock: ClockSnapshot
  readonly scenario: string | null
  /** Each provider's snapshot, keyed by provider id. */
  readonly providers: Readonly<Record<string, unknown>>
}

/** A scenario by name (or path) in the server's scenario library, or the scenario itself. */
export type ScenarioRef = string | Readonly<Record<string, unknown>>

/** Base URLs per provider for a standin root (server or session): `${root}/redcap`, ... */
export type ProviderBaseUrls = Readonly<Record<HostName, string>>

export interface RedcapTokenRequest {
  readonly id: string | number
  readonly status: string
  /** Present when the scenario auto-approves requests. */
  readonly token?: string
}

export interface IssuedToken {
  readonly token: string
}

export interface EpicollectApp {
  readonly client_id: number
  readonly client_secret: string
}

export interface RedoxApiKeyInput {
  readonly name: string
  readonly region?: 'us' | 'ca'
  /** Public keys to register; with neither these nor `jwksUrl`, standin generates a key pair. */
  readonly jwks?: { readonly keys: readonly JWK[] }
  readonly jwksUrl?: string
  /** Further fields the provider accepts (an environment, allowed algorithms, ...). */
  readonly [field: string]: unknown
}

export interface RedoxApiKey {
  readonly clientId: string
  readonly kid?: string
  /** Returned once, when standin generated the key pair (as Redox's dashboard does). */
  readonly privateJwk?: JWK
}

export interface CreateSessionInput {
  readonly scenario?: ScenarioRef
  readonly seed?: number | string
}

/** A session just created: its URLs and a control client for its own world. */
export interface SessionHandle {
  readonly id: string
  readonly baseUrl: string
  readonly baseUrls: ProviderBaseUrls
  readonly control: ControlClient
}

type Id = string | number

/** Every control-plane route as a method; refusals throw `ControlError`. */
export interface ControlClient {
  /** The standin root this client talks to (server, session or MSW control origin). */
  readonly baseUrl: string
  readonly baseUrls: ProviderBaseUrls
  health(): Promise<Health>
  readonly clock: {
    get(): Promise<ClockSnapshot>
    advance(seconds: number): Promise<ClockSnapshot>
    set(instant: string | Date): Promise<ClockSnapshot>
    freeze(frozen?: boolean): Promise<ClockSnapshot>
  }
  reset(): Promise<ResetResult>
  loadScenario(scenario: ScenarioRef): Promise<ScenarioLoaded>
  state(): Promise<StateSnapshot>
  /** The request journal, newest first. */
  requests(options?: { readonly limit?: number }): Promise<JournalEntry[]>
  readonly tokens: {
    list(): Promise<CredentialView[]>
    expire(id: string): Promise<CredentialView>
    revoke(id: string): Promise<CredentialView>
  }
  readonly redcap: {
    requestToken(projectId: Id, username: string): Promise<RedcapTokenRequest>
    approve(requestId: Id): Promise<IssuedToken>
    reject(requestId: Id): Promise<void>
    regenerate(projectId: Id, username: string): Promise<IssuedToken>
    deleteToken(projectId: Id, username: string): Promise<void>
    createSuperToken(username: string): Promise<IssuedToken>
  }
  readonly epicollect: {
    createApp(slug: string, name: string): Promise<EpicollectApp>
    revokeApp(slug: string): Promise<void>
    deleteApp(slug: string): Promise<void>
  }
  readonly redox: {
    createApiKey(input: RedoxApiKeyInput): Promise<RedoxApiKey>
    deleteApiKey(clientId: string): Promise<void>
    /** The Postman collection and environment for a key, as Redox's DevTools tab offers them. */
    postman(clientId: string): Promise<unknown>
  }
  readonly sessions: {
    create(input?: CreateSessionInput): Promise<SessionHandle>
    list(): Promise<SessionView[]>
    delete(id: string): Promise<void>
  }
}
