/**
 * The typed control client: every control-plane route as a method. It speaks
 * plain HTTP through the `fetch` it is given (the global one by default, looked up per call so MSW's
 * interception applies), so the same client drives a server, the MSW control origin and a session.
 * Refusals throw a `ControlError` with the envelope's code and message.
 */
import { SHIPPED_HOSTS, type HostName } from '../providers/index.js'
import { ControlError } from './control-error.js'
import type {
  ClockSnapshot,
  ControlClient,
  CreateSessionInput,
  CredentialView,
  EpicollectApp,
  Health,
  IssuedToken,
  JournalEntry,
  ProviderBaseUrls,
  RedcapTokenRequest,
  RedoxApiKey,
  RedoxApiKeyInput,
  ResetResult,
  ScenarioLoaded,
  ScenarioRef,
  SessionView,
  StateSnapshot,
} from './control-types.js'

type Fetch = (input: string, init?: RequestInit) => Promise<Response>
type Id = string | number

/** `${root}/redcap`, `${root}/epicollect`, ... for a standin root URL (server or session). */
export function providerBaseUrls(root: string): ProviderBaseUrls {
  const base = root.replace(/\/+$/, '')
  const entries = SHIPPED_HOSTS.map((host) => [host.name, base + host.mount])
  return Object.fromEntries(entries) as Record<HostName, string>
}

/** A client for the standin at `baseUrl` (`http://127.0.0.1:4010`, a session's base URL, `http://standin.local`). */
export function createControlClient(baseUrl: string, fetch?: Fetch): ControlClient {
  const root = baseUrl.replace(/\/+$/, '')
  const send: Fetch = fetch ?? ((input, init) => globalThis.fetch(input, init))
  const e = (id: Id) => encodeURIComponent(String(id))

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const init: RequestInit =
      body === undefined
        ? { method }
        : { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }
    const response = await send(`${root}/_standin${path}`, init)
    const text = await response.text()
    const data = parseJson(text)
    if (!response.ok) throw ControlError.from(`${method} /_standin${path}`, response.status, data)
    return data as T
  }
  const get = <T>(path: string) => call<T>('GET', path)
  const post = <T>(path: string, body?: unknown) => call<T>('POST', path, body)
  const del = async (path: string) => {
    await call('DELETE', path)
  }
  const act = async (path: string) => {
    await call('POST', path)
  }

  return {
    baseUrl: root,
    baseUrls: providerBaseUrls(root),
    health: () => get<Health>('/health'),
    clock: {
      get: () => get<ClockSnapshot>('/clock'),
      advance: (seconds: number) => post<ClockSnapshot>('/clock', { advance: seconds }),
      set: (instant: string | Date) =>
        post<ClockSnapshot>('/clock', {
          set: typeof instant === 'string' ? instant : instant.toISOString(),
        }),
      freeze: (frozen = true) => post<ClockSnapshot>('/clock', { freeze: frozen }),
    },
    reset: () => post<ResetResult>('/reset'),
    loadScenario: (scenario: ScenarioRef) =>
      post<ScenarioLoaded>(
        '/scenario',
        typeof scenario === 'string' ? { name: scenario } : scenario,
      ),
    state: () => get<StateSnapshot>('/state'),
    requests: async (options: { limit?: number } = {}) => {
      const query = options.limit === undefined ? '' : `?limit=${String(options.limit)}`
      return (await get<{ requests: JournalEntry[] }>(`/requests${query}`)).requests
    },
    tokens: {
      list: async () => {
        const all: CredentialView[] = []
        let cursor: string | null = ''
        while (cursor !== null) {
          const query: string = cursor === '' ? '' : `?cursor=${cursor}`
          const page = await get<{ tokens: CredentialView[]; next: string | null }>(
            `/tokens${query}`,
          )
          all.push(...page.tokens)
          cursor = page.next
        }
        return all
      },
      expire: (id: string) => post<CredentialView>(`/tokens/${e(id)}/expire`),
      revoke: (id: string) => post<CredentialView>(`/tokens/${e(id)}/revoke`),
    },
    redcap: {
      requestToken: (projectId: Id, username: string) =>
        post<RedcapTokenRequest>(`/redcap/projects/${e(projectId)}/token-requests`, { username }),
      approve: (requestId: Id) =>
        post<IssuedToken>(`/redcap/token-requests/${e(requestId)}/approve`),
      reject: (requestId: Id) => act(`/redcap/token-requests/${e(requestId)}/reject`),
      regenerate: (projectId: Id, username: string) =>
        post<IssuedToken>(`/redcap/projects/${e(projectId)}/users/${e(username)}/token/regenerate`),
      deleteToken: (projectId: Id, username: string) =>
        del(`/redcap/projects/${e(projectId)}/users/${e(username)}/token`),
      createSuperToken: (username: string) =>
        post<IssuedToken>('/redcap/super-tokens', { username }),
    },
    epicollect: {
      createApp: (slug: string, name: string) =>
        post<EpicollectApp>(`/epicollect/projects/${e(slug)}/app`, { name }),
      revokeApp: (slug: string) => act(`/epicollect/projects/${e(slug)}/app/revoke`),
      deleteApp: (slug: string) => del(`/epicollect/projects/${e(slug)}/app`),
    },
    redox: {
      createApiKey: (input: RedoxApiKeyInput) => post<RedoxApiKey>('/redox/api-keys', input),
      deleteApiKey: (clientId: string) => del(`/redox/api-keys/${e(clientId)}`),
      postman: (clientId: string) => get<unknown>(`/redox/api-keys/${e(clientId)}/postman`),
    },
    sessions: {
      create: async (input: CreateSessionInput = {}) => {
        const { id, baseUrl } = await post<{ id: string; baseUrl: string }>('/sessions', input)
        const control = createControlClient(baseUrl, send)
        return { id, baseUrl, baseUrls: control.baseUrls, control }
      },
      list: async () => (await get<{ sessions: SessionView[] }>('/sessions')).sessions,
      delete: (id: string) => del(`/sessions/${e(id)}`),
    },
  }
}

function parseJson(text: string): unknown {
  if (text === '') return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}
