/**
 * createStandinCore: a world and its app from a scenario, with no Node I/O. The Node edge
 * (`node/create.ts`) fills in files and the real fetch; tests may pass memory stores.
 */
import type { Hono } from 'hono'
import type { DashboardFiles } from './admin/dashboard.js'
import type { AccessLog } from './access-log.js'
import { createApp } from './app.js'
import { defaultConfig, type StandinConfig, type StandinConfigInput } from './config/schema.js'
import type { Clock } from './core/clock.js'
import type { Sleep } from './core/sleep.js'
import { MemoryFixtureStore, type FixtureStore } from './core/fixtures.js'
import { providers as registry } from './providers/index.js'
import type { AnyProvider } from './providers/provider.js'
import type { ProxyOptions } from './proxy/runtime.js'
import { loadScenario, parseScenario, type ScenarioSource } from './scenarios/load.js'
import type { Scenario } from './scenarios/schema.js'
import { World } from './world.js'

export interface StandinOptions {
  /** A scenario name or path (needs `scenarios`), or the scenario itself as data. */
  readonly scenario?: string | Readonly<Record<string, unknown>> | undefined
  readonly config?: StandinConfig | StandinConfigInput | undefined
  readonly fixtures?: FixtureStore | undefined
  readonly scenarios?: ScenarioSource | undefined
  readonly fetch?: typeof fetch | undefined
  readonly seed?: number | string | undefined
  readonly realClock?: Clock | undefined
  readonly providers?: readonly AnyProvider[] | undefined
  readonly version?: string | undefined
  /** Start the virtual clock frozen when the scenario does not say. */
  readonly frozen?: boolean | undefined
  /** Waits real time for injected latency (default: a real timer). */
  readonly sleep?: Sleep | undefined
  /** Route modes (proxy, record, replay): transport, credential reader, settings, injectors. */
  readonly proxy?: ProxyOptions | undefined
  /** The dashboard's files for `/_standin/ui/` (the Node edge reads them). */
  readonly dashboard?: DashboardFiles | undefined
  /** Guards the control plane: `/_standin/*` then demands it (see admin/admin-token.ts). */
  readonly adminToken?: string | undefined
  /** Where each answered request is logged (the CLI's stderr); nowhere by default. */
  readonly accessLog?: AccessLog | undefined
}

export interface Standin {
  readonly world: World
  readonly app: Hono
  /**
   * Answers a request as the server would, without a socket. `env`: the server's bindings for the
   * request (the Node edge passes its `incoming` and `outgoing`), as hono's `app.fetch` takes them.
   */
  readonly fetch: (request: Request, env?: unknown) => Promise<Response>
}

export async function createStandinCore(options: StandinOptions = {}): Promise<Standin> {
  const providers = options.providers ?? registry
  const scenario = resolveScenario(options, providers)
  const world = await World.create(scenario, {
    providers,
    fixtures: options.fixtures ?? new MemoryFixtureStore(),
    config: defaultConfig(options.config),
    fetch: options.fetch ?? globalThis.fetch,
    ...(options.realClock ? { realClock: options.realClock } : {}),
    seed: options.seed,
    frozen: options.frozen,
    sleep: options.sleep,
  })
  const app = createApp({
    world,
    version: options.version,
    scenarios: options.scenarios,
    proxy: options.proxy,
    dashboard: options.dashboard,
    adminToken: options.adminToken,
    accessLog: options.accessLog,
  })
  return { world, app, fetch: async (request, env) => app.fetch(request, env) }
}

function resolveScenario(options: StandinOptions, providers: readonly AnyProvider[]): Scenario {
  const { scenario } = options
  if (typeof scenario === 'string') {
    if (!options.scenarios)
      throw new Error(`Failed to load scenario "${scenario}": no scenario source.`)
    return loadScenario(scenario, options.scenarios, providers, {
      maxAliasCount: defaultConfig(options.config).yamlMaxAliasCount,
    })
  }
  return parseScenario(scenario ?? {}, 'scenario', providers)
}
