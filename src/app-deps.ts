/**
 * What the app is built from: the world and the optional parts around it. Sessions build their apps
 * from the same deps, so the type lives below both.
 */
import type { AccessLog } from './access-log.js'
import type { DashboardFiles } from './admin/dashboard.js'
import type { ProxyOptions } from './proxy/runtime.js'
import type { ScenarioSource } from './scenarios/load.js'
import type { World } from './world.js'

export interface AppDeps {
  readonly world: World
  readonly version?: string | undefined
  readonly scenarios?: ScenarioSource | undefined
  /**
   * Serve under a path prefix (an isolated session's `/_sessions/{id}`): routes match the path
   * after it, while URLs, and so every base URL a provider echoes, keep it. Sessions do not nest.
   */
  readonly prefix?: string | undefined
  /** Route modes: transport, credential reader and, for programmatic use, settings and injectors. */
  readonly proxy?: ProxyOptions | undefined
  readonly dashboard?: DashboardFiles | undefined
  readonly adminToken?: string | undefined
  /** The access log (the CLI's stderr); none in-process. */
  readonly accessLog?: AccessLog | undefined
}
