/**
 * startStandin: standin on a free loopback port in this process, for vitest's `globalSetup` or a
 * `beforeAll`. Returns each provider's base URL and a control client for it.
 */
import { createStandin } from '../node/create.js'
import { serveApp } from '../node/serve.js'
import type { Standin, StandinOptions } from '../standin.js'
import { createControlClient, providerBaseUrls } from './control-client.js'
import type { ControlClient, ProviderBaseUrls } from './control-types.js'
import { IN_PROCESS_DEFAULTS } from './defaults.js'

/** createStandin's options (default scenario, frozen clock unless given) plus where to listen. */
export interface StartStandinOptions extends StandinOptions {
  /** Default `127.0.0.1`. */
  readonly host?: string | undefined
  /** Default `0`: a free port. */
  readonly port?: number | undefined
}

export interface StartedStandin {
  /** The server root, e.g. `http://127.0.0.1:49152`. */
  readonly url: string
  /** `${url}/redcap` (append `/api/`), `${url}/epicollect`, `${url}/redox`, `${url}/redox-ca`. */
  readonly baseUrls: ProviderBaseUrls
  readonly control: ControlClient
  /** The world and app being served, for tests in the same process. */
  readonly standin: Standin
  close(): Promise<void>
}

export async function startStandin(options: StartStandinOptions = {}): Promise<StartedStandin> {
  const { host = '127.0.0.1', port = 0, ...standinOptions } = options
  const standin = await createStandin({ ...IN_PROCESS_DEFAULTS, ...standinOptions })
  const server = await serveApp(standin.app.fetch, { host, port })
  return {
    url: server.url,
    baseUrls: providerBaseUrls(server.url),
    control: createControlClient(server.url),
    standin,
    close: () => server.close(),
  }
}
