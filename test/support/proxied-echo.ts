/**
 * An in-process standin serving the echo provider with route modes: its upstream is a stub or
 * another standin, its credential reference resolves in the given environment map.
 */
import type { RouteMode } from '../../src/core/glossary.js'
import { MemoryFixtureStore, type FixtureStore } from '../../src/core/fixtures.js'
import { nodeSecretReader } from '../../src/node/proxy-ports.js'
import type { ProxySettings } from '../../src/proxy/settings.js'
import { createTestStandin, type TestStandin } from '../../src/testing/index.js'
import { echoInjector } from './echo-injector.js'
import { ECHO_ID, echoProvider } from './echo-provider.js'

export const UPSTREAM_TOKEN_VAR = 'ECHO_UPSTREAM_TOKEN'

export interface ProxiedEchoOptions {
  readonly upstreamUrl: string
  readonly mode?: RouteMode
  readonly path?: string
  readonly timeoutMs?: number
  readonly env?: Record<string, string>
  readonly fixtures?: FixtureStore
  readonly greeting?: string
}

export function echoSettings(options: ProxiedEchoOptions): ProxySettings {
  return {
    routes: [{ provider: ECHO_ID, path: options.path ?? '/**', mode: options.mode ?? 'proxy' }],
    upstreams: [
      {
        key: 'echo',
        provider: ECHO_ID,
        mount: '/echo',
        url: options.upstreamUrl,
        timeoutMs: options.timeoutMs ?? 5000,
        credentials: { token: { env: UPSTREAM_TOKEN_VAR } },
      },
    ],
  }
}

export function proxiedEcho(options: ProxiedEchoOptions): Promise<TestStandin> {
  return createTestStandin({
    providers: [echoProvider],
    scenario: { providers: { echo: { greeting: options.greeting ?? 'hello from A' } } },
    fixtures: options.fixtures ?? new MemoryFixtureStore(),
    proxy: {
      settings: echoSettings(options),
      injectors: { echo: echoInjector },
      secrets: nodeSecretReader(
        options.env ?? { [UPSTREAM_TOKEN_VAR]: 'real-upstream-token-1234' },
      ),
    },
  })
}

/** A local echo credential, obtained the way a client would. */
export async function localToken(
  client: { request(path: string, init?: RequestInit): Promise<Response> },
  subject = 'ana',
): Promise<string> {
  const response = await client.request('/echo/token', {
    method: 'POST',
    body: new URLSearchParams({ subject }),
  })
  return ((await response.json()) as { token: string }).token
}

export function bearer(token: string, extra: Record<string, string> = {}): RequestInit {
  return { headers: { authorization: `Bearer ${token}`, ...extra } }
}

/** A client of a standin on a real socket. */
export function over(url: string): {
  request(path: string, init?: RequestInit): Promise<Response>
} {
  return { request: (path, init) => fetch(`${url}${path}`, init) }
}
