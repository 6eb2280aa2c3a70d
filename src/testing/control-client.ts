/**
 * The typed control client: every route of the control API's route table
 * (src/admin/api/operations.ts) as a method, each call named by its route key, so its types are
 * the route's schemas and test/admin/openapi.test.ts can check that no route is missing. It speaks
 * plain HTTP through the `fetch` it is given (the global one by default, looked up per call so
 * MSW's interception applies), so the same client drives a server, the MSW control origin and a
 * session. Refusals throw a `ControlError` with the envelope's code and message.
 */
import type { OperationKey, ResponseOf } from '../admin/api/operations.js'
import { SHIPPED_HOSTS, type HostName } from '../providers/index.js'
import { ControlError } from './control-error.js'
import type {
  ControlClient,
  ControlEvent,
  CreateSessionInput,
  ProviderBaseUrls,
  RequestFilters,
} from './control-types.js'
import { readEvents } from './event-stream.js'

type Fetch = (input: string, init?: RequestInit) => Promise<Response>
type Id = string | number

/** `${root}/redcap`, `${root}/epicollect`, ... for a standin root URL (server or session). */
export function providerBaseUrls(root: string): ProviderBaseUrls {
  const base = root.replace(/\/+$/, '')
  const entries = SHIPPED_HOSTS.map((host) => [host.name, base + host.mount])
  return Object.fromEntries(entries) as Record<HostName, string>
}

interface CallOptions {
  readonly params?: Readonly<Record<string, Id>>
  readonly body?: unknown
  readonly query?: string
}

/** A client for the standin at `baseUrl` (`http://127.0.0.1:4010`, a session's base URL, `http://standin.local`). */
export function createControlClient(baseUrl: string, fetch?: Fetch): ControlClient {
  const root = baseUrl.replace(/\/+$/, '')
  const send: Fetch = fetch ?? ((input, init) => globalThis.fetch(input, init))

  async function call<K extends OperationKey>(
    key: K,
    options: CallOptions = {},
  ): Promise<ResponseOf<K>> {
    const [method = 'GET', template = '/'] = key.split(' ')
    const path = template.replace(/\{(\w+)\}/g, (_, name: string) =>
      encodeURIComponent(String(options.params?.[name] ?? '')),
    )
    const { body } = options
    const init: RequestInit =
      body === undefined
        ? { method }
        : { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }
    const response = await send(`${root}/_standin${path}${options.query ?? ''}`, init)
    const text = await response.text()
    const data = parseJson(text)
    if (!response.ok) throw ControlError.from(`${method} /_standin${path}`, response.status, data)
    return data as ResponseOf<K>
  }

  /** A route that answers with server-sent events. */
  async function* stream(key: 'GET /events', signal?: AbortSignal): AsyncIterable<ControlEvent> {
    const path = key.slice('GET '.length)
    const response = await send(`${root}/_standin${path}`, signal ? { signal } : {})
    if (!response.ok || !response.body) {
      const body = parseJson(await response.text())
      throw ControlError.from(`GET /_standin${path}`, response.status, body)
    }
    yield* readEvents(response.body)
  }

  const requests = Object.assign(
    async (filters: RequestFilters = {}) =>
      (await call('GET /requests', { query: filterQuery(filters) })).requests,
    {
      count: async (matcher = {}) => (await call('POST /requests/count', { body: matcher })).count,
      find: (matcher = {}) => call('POST /requests/find', { body: matcher }),
    },
  ) satisfies ControlClient['requests']

  return {
    baseUrl: root,
    baseUrls: providerBaseUrls(root),
    health: () => call('GET /health'),
    openapi: () => call('GET /openapi.json'),
    clock: {
      get: () => call('GET /clock'),
      advance: (seconds) => call('POST /clock', { body: { advance: seconds } }),
      set: (instant) =>
        call('POST /clock', {
          body: { set: typeof instant === 'string' ? instant : instant.toISOString() },
        }),
      freeze: (frozen = true) => call('POST /clock', { body: { freeze: frozen } }),
    },
    reset: () => call('POST /reset'),
    loadScenario: (scenario) =>
      call('POST /scenario', {
        body: typeof scenario === 'string' ? { name: scenario } : scenario,
      }),
    scenario: () => call('GET /scenario'),
    scenarios: async () => (await call('GET /scenarios')).scenarios,
    state: () => call('GET /state'),
    snapshot: () => call('GET /snapshot'),
    requests,
    events: (signal) => stream('GET /events', signal),
    drift: (options = {}) => call('POST /drift', { body: options }),
    tokens: {
      // Every page, following `next` (GET /_standin/tokens answers at most a page at a time).
      list: async () => {
        const all: ResponseOf<'GET /tokens'>['tokens'] = []
        for (let cursor: string | null = ''; cursor !== null;) {
          const query: string = cursor === '' ? '' : `?cursor=${encodeURIComponent(cursor)}`
          const page: ResponseOf<'GET /tokens'> = await call('GET /tokens', { query })
          all.push(...page.tokens)
          cursor = page.next
        }
        return all
      },
      expire: (id) => call('POST /tokens/{id}/expire', { params: { id } }),
      revoke: (id) => call('POST /tokens/{id}/revoke', { params: { id } }),
    },
    overrides: {
      list: async () => (await call('GET /overrides')).overrides,
      add: (input) => call('POST /overrides', { body: input }),
      remove: (id) => call('DELETE /overrides/{id}', { params: { id } }),
      clear: async () => (await call('DELETE /overrides')).cleared,
    },
    stubs: { add: (input) => call('POST /overrides', { body: input }) },
    routes: {
      get: () => call('GET /routes'),
      set: (routes) => call('PUT /routes', { body: { routes } }),
    },
    redcap: {
      tokenRequests: async () => (await call('GET /redcap/token-requests')).requests,
      requestToken: (pid, username) =>
        call('POST /redcap/projects/{pid}/token-requests', { params: { pid }, body: { username } }),
      approve: (id) => call('POST /redcap/token-requests/{id}/approve', { params: { id } }),
      reject: (id) => call('POST /redcap/token-requests/{id}/reject', { params: { id } }),
      regenerate: (pid, username) =>
        call('POST /redcap/projects/{pid}/users/{username}/token/regenerate', {
          params: { pid, username },
        }),
      deleteToken: async (pid, username) => {
        await call('DELETE /redcap/projects/{pid}/users/{username}/token', {
          params: { pid, username },
        })
      },
      createSuperToken: (username) => call('POST /redcap/super-tokens', { body: { username } }),
    },
    epicollect: {
      apps: async () => (await call('GET /epicollect/apps')).apps,
      projects: async () => (await call('GET /epicollect/projects')).projects,
      createApp: (slug, name) =>
        call('POST /epicollect/projects/{slug}/app', {
          params: { slug },
          body: name === undefined ? {} : { name },
        }),
      getApp: (slug) => call('GET /epicollect/projects/{slug}/app', { params: { slug } }),
      revokeApp: async (slug) => {
        await call('POST /epicollect/projects/{slug}/app/revoke', { params: { slug } })
      },
      deleteApp: async (slug) => {
        await call('DELETE /epicollect/projects/{slug}/app', { params: { slug } })
      },
    },
    redox: {
      apiKeys: async () => (await call('GET /redox/api-keys')).apiKeys,
      getApiKey: (clientId) => call('GET /redox/api-keys/{clientId}', { params: { clientId } }),
      createApiKey: (input) => call('POST /redox/api-keys', { body: input }),
      deleteApiKey: async (clientId) => {
        await call('DELETE /redox/api-keys/{clientId}', { params: { clientId } })
      },
      addKey: (clientId, jwk) =>
        call('POST /redox/api-keys/{clientId}/keys', {
          params: { clientId },
          body: jwk === undefined ? {} : { jwk },
        }),
      removeKey: async (clientId, kid) => {
        await call('DELETE /redox/api-keys/{clientId}/keys/{kid}', { params: { clientId, kid } })
      },
      postman: (clientId) =>
        call('GET /redox/api-keys/{clientId}/postman', { params: { clientId } }),
    },
    sessions: {
      create: async (input: CreateSessionInput = {}) => {
        const { id, baseUrl } = await call('POST /sessions', { body: input })
        const control = createControlClient(baseUrl, send)
        return { id, baseUrl, baseUrls: control.baseUrls, control }
      },
      list: async () => (await call('GET /sessions')).sessions,
      delete: async (id) => {
        await call('DELETE /sessions/{id}', { params: { id } })
      },
    },
  }
}

function filterQuery(filters: RequestFilters): string {
  const query = new URLSearchParams()
  for (const [name, value] of Object.entries(filters) as [string, string | number | Date][]) {
    if (value === undefined) continue
    query.set(name, value instanceof Date ? value.toISOString() : String(value))
  }
  const text = query.toString()
  return text === '' ? '' : `?${text}`
}

function parseJson(text: string): unknown {
  if (text === '') return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}
