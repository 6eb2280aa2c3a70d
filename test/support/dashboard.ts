/**
 * A standin on a real socket (127.0.0.1, free port) for browser tests, built as `standin start`
 * builds it, with the providers and scenario a test chooses.
 */
import { createStandin } from '../../src/node/create.js'
import { serveApp } from '../../src/node/serve.js'
import type { AnyProvider } from '../../src/providers/provider.js'
import type { World } from '../../src/world.js'

export interface ServedStandin {
  readonly url: string
  readonly ui: string
  readonly world: World
  /** fetch against the server, path relative to its root. */
  fetch(path: string, init?: RequestInit): Promise<Response>
  /** A control-plane call, JSON in and out. */
  control(path: string, body?: unknown): Promise<unknown>
  close(): Promise<void>
}

export async function serveStandin(options: {
  providers?: readonly AnyProvider[]
  scenario?: string | Record<string, unknown>
}): Promise<ServedStandin> {
  const standin = await createStandin({
    seed: 'dashboard',
    ...(options.providers ? { providers: options.providers } : {}),
    scenario: options.scenario,
  })
  const server = await serveApp(standin.fetch, { host: '127.0.0.1', port: 0 })
  const call = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init)
  return {
    url: server.url,
    ui: `${server.url}/_standin/ui/`,
    world: standin.world,
    fetch: call,
    control: async (path, body) => {
      const response = await call(
        `/_standin/${path}`,
        body === undefined
          ? {}
          : {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(body),
            },
      )
      return (await response.json()) as unknown
    },
    close: () => server.close(),
  }
}
