/**
 * What the control plane takes and answers, as the typed client sees it. Every type here is
 * derived from the zod schemas of the route table (src/admin/api/operations.ts), the same schemas
 * the OpenAPI document at `GET /_standin/openapi.json` is generated from, so they cannot drift.
 */
import type { z } from 'zod'
import type { OPERATIONS, OperationKey, ResponseOf } from '../admin/api/operations.js'
import type { HostName } from '../providers/index.js'

export type { OperationKey, ResponseOf }

/** What a route takes as its JSON body, as the caller writes it (defaults optional). */
export type BodyOf<K extends OperationKey> = (typeof OPERATIONS)[K] extends {
  readonly body: infer B extends z.ZodType
}
  ? z.input<B>
  : never

export type Health = ResponseOf<'GET /health'>
export type ClockSnapshot = ResponseOf<'GET /clock'>
export type ResetResult = ResponseOf<'POST /reset'>
export type ScenarioLoaded = ResponseOf<'POST /scenario'>
export type ScenarioView = ResponseOf<'GET /scenario'>
export type ScriptedEventStatus = ScenarioView['events'][number]
export type StateSnapshot = ResponseOf<'GET /state'>
export type JournalEntry = ResponseOf<'GET /requests'>['requests'][number]
export type RequestMatcher = BodyOf<'POST /requests/count'>
export type FindResult = ResponseOf<'POST /requests/find'>
export type CredentialView = ResponseOf<'POST /tokens/{id}/expire'>
export type OverrideInput = BodyOf<'POST /overrides'>
export type OverrideView = ResponseOf<'POST /overrides'>
/** A stub: an override that answers with `respond`. */
export type StubInput = OverrideInput & { readonly respond: NonNullable<OverrideInput['respond']> }
export type RouteTable = ResponseOf<'GET /routes'>
export type RouteModesInput = BodyOf<'PUT /routes'>
export type CreateSessionInput = BodyOf<'POST /sessions'>
export type SessionView = ResponseOf<'GET /sessions'>['sessions'][number]
export type RedcapTokenRequest = ResponseOf<'POST /redcap/projects/{pid}/token-requests'>
export type IssuedToken = ResponseOf<'POST /redcap/super-tokens'>
export type EpicollectApp = ResponseOf<'POST /epicollect/projects/{slug}/app'>
export type EpicollectProject = ResponseOf<'GET /epicollect/projects'>['projects'][number]
export type RedoxApiKeyInput = BodyOf<'POST /redox/api-keys'>
export type RedoxApiKey = ResponseOf<'POST /redox/api-keys'>
export type RedoxApiKeyView = ResponseOf<'GET /redox/api-keys/{clientId}'>
export type RedoxPublicKeyAdded = ResponseOf<'POST /redox/api-keys/{clientId}/keys'>

/** The query filters of `GET /_standin/requests` (docs/verify-and-stubs.md). */
export interface RequestFilters {
  readonly limit?: number
  readonly provider?: JournalEntry['provider']
  readonly method?: string
  /** A path pattern: `*` matches any run of characters. */
  readonly path?: string
  /** `404` or a class, `4xx`. */
  readonly status?: number | string
  readonly outcome?: JournalEntry['outcome']
  readonly credential?: string
  /** An instant of virtual time: entries at or after it. */
  readonly since?: string | Date
}

/** A scenario by name (or path) in the server's scenario library, or the scenario itself. */
export type ScenarioRef = string | Readonly<Record<string, unknown>>

/** Base URLs per provider for a standin root (server or session): `${root}/redcap`, ... */
export type ProviderBaseUrls = Readonly<Record<HostName, string>>

/** One server-sent event of `GET /_standin/events`. */
export interface ControlEvent {
  readonly event: string
  readonly data: unknown
}

/** A session just created: its URLs and a control client for its own world. */
export interface SessionHandle {
  readonly id: string
  readonly baseUrl: string
  readonly baseUrls: ProviderBaseUrls
  readonly control: ControlClient
}

type Id = string | number

/** Every control route as a method; refusals throw `ControlError`. */
export interface ControlClient {
  /** The standin root this client talks to (server, session or MSW control origin). */
  readonly baseUrl: string
  readonly baseUrls: ProviderBaseUrls
  health(): Promise<Health>
  /** The control API's OpenAPI 3.1 document. */
  openapi(): Promise<Record<string, unknown>>
  readonly clock: {
    get(): Promise<ClockSnapshot>
    advance(seconds: number): Promise<ClockSnapshot>
    set(instant: string | Date): Promise<ClockSnapshot>
    freeze(frozen?: boolean): Promise<ClockSnapshot>
  }
  reset(): Promise<ResetResult>
  loadScenario(scenario: ScenarioRef): Promise<ScenarioLoaded>
  /** The loaded scenario and its scripted events, due and fired. */
  scenario(): Promise<ScenarioView>
  /** Names in the server's scenario library. */
  scenarios(): Promise<string[]>
  state(): Promise<StateSnapshot>
  /** The current world as a scenario to load elsewhere (secrets left out; docs/snapshot.md). */
  snapshot(): Promise<Record<string, unknown>>
  /** The request journal, newest first, filtered; `count` and `find` take a request matcher. */
  readonly requests: {
    (filters?: RequestFilters): Promise<JournalEntry[]>
    count(matcher?: RequestMatcher): Promise<number>
    find(matcher?: RequestMatcher & { readonly limit?: number }): Promise<FindResult>
  }
  /** Follows `GET /_standin/events` until `signal` aborts or the server ends the stream. */
  events(signal?: AbortSignal): AsyncIterable<ControlEvent>
  /** Compare the recordings of the real service with a fresh simulation (JSON report). */
  drift(options?: { readonly scenario?: string }): Promise<ResponseOf<'POST /drift'>>
  readonly tokens: {
    list(): Promise<CredentialView[]>
    expire(id: string): Promise<CredentialView>
    revoke(id: string): Promise<CredentialView>
  }
  readonly overrides: {
    list(): Promise<OverrideView[]>
    add(input: OverrideInput): Promise<OverrideView>
    remove(id: number): Promise<OverrideView>
    clear(): Promise<number>
  }
  readonly stubs: {
    /** Queue a stub: an override that answers with `respond`. */
    add(input: StubInput): Promise<OverrideView>
  }
  readonly routes: {
    get(): Promise<RouteTable>
    set(routes: RouteModesInput['routes']): Promise<RouteTable>
  }
  readonly redcap: {
    tokenRequests(): Promise<ResponseOf<'GET /redcap/token-requests'>['requests']>
    requestToken(projectId: Id, username: string): Promise<RedcapTokenRequest>
    approve(requestId: Id): Promise<IssuedToken>
    reject(requestId: Id): Promise<RedcapTokenRequest>
    regenerate(projectId: Id, username: string): Promise<IssuedToken>
    deleteToken(projectId: Id, username: string): Promise<void>
    createSuperToken(username: string): Promise<IssuedToken>
  }
  readonly epicollect: {
    apps(): Promise<EpicollectApp[]>
    projects(): Promise<EpicollectProject[]>
    createApp(slug: string, name?: string): Promise<EpicollectApp>
    getApp(slug: string): Promise<EpicollectApp>
    revokeApp(slug: string): Promise<void>
    deleteApp(slug: string): Promise<void>
  }
  readonly redox: {
    apiKeys(): Promise<RedoxApiKeyView[]>
    getApiKey(clientId: string): Promise<RedoxApiKeyView>
    createApiKey(input: RedoxApiKeyInput): Promise<RedoxApiKey>
    deleteApiKey(clientId: string): Promise<void>
    /** Add a public JWK, or with none, a generated pair whose private half is returned once. */
    addKey(clientId: string, jwk?: Record<string, unknown>): Promise<RedoxPublicKeyAdded>
    removeKey(clientId: string, kid: string): Promise<void>
    /** The Postman collection and environment for a key, as Redox's DevTools tab offers them. */
    postman(clientId: string): Promise<ResponseOf<'GET /redox/api-keys/{clientId}/postman'>>
  }
  readonly sessions: {
    create(input?: CreateSessionInput): Promise<SessionHandle>
    list(): Promise<SessionView[]>
    delete(id: string): Promise<void>
  }
}
