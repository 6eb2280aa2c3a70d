/**
 * `standin start`: config file, then flags, then serve until SIGINT/SIGTERM.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { CONFIG_FILE_NAMES, parseConfig } from '../config/load.js'
import { defaultConfig, type StandinConfig } from '../config/schema.js'
import { createStandin, defaultFixtureStore, defaultScenarioSource } from '../node/create.js'
import { isFile } from '../node/is-file.js'
import { serveApp } from '../node/serve.js'
import { parseLogFormat, type StartOptions } from './args.js'
import { createAccessLog } from './access-log-format.js'
import type { LogFormat } from '../config/log-format.js'
import { SystemClock } from '../core/clock.js'
import { logScriptedEvents, logToStderr } from './log.js'
import { stderrLines } from './stderr-lines.js'
import { watchFiles } from './watch.js'
import { setHeapFlag } from './heap.js'
import { resolveAdminToken, resolveAllowedHosts, resolveSeed } from './bind-policy.js'

/** How long a shutdown waits for in-flight responses before it closes what is left. */
const DRAIN_TIMEOUT_MS = 10_000
/** How long an idle keep-alive connection is left open for a request its client may be sending. */
const SHUTDOWN_IDLE_GRACE_MS = 1000

export function readConfig(file: string | undefined): StandinConfig {
  const path = file ?? CONFIG_FILE_NAMES.find((name) => isFile(name))
  if (path === undefined) return defaultConfig()
  if (!isFile(path)) throw new Error(`Failed to read config "${path}": no such file.`)
  return parseConfig(readFileSync(resolve(path), 'utf8'), path)
}

function logFormatFromEnv(env: NodeJS.ProcessEnv): LogFormat | undefined {
  const text = env.STANDIN_LOG
  return text === undefined || text === '' ? undefined : parseLogFormat(text, 'STANDIN_LOG')
}

/** Tells the bin (src/cli/launch.cts) the start is done: the same name there. */
const READY_EVENT = 'standin:ready'

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- where Node declares `process`
  namespace NodeJS {
    interface Process {
      emit(event: typeof READY_EVENT): boolean
    }
  }
}

export async function startServer(options: StartOptions): Promise<void> {
  setHeapFlag('semi-space-growth-factor', process.execArgv, process.env)
  const fileConfig = readConfig(options.config)
  const config: StandinConfig = {
    ...fileConfig,
    host: bareAddress(options.host ?? fileConfig.host),
    port: options.port ?? fileConfig.port,
    rateLimits: options.rateLimits && fileConfig.rateLimits,
    allowedHosts: resolveAllowedHosts(fileConfig.allowedHosts, options.allowedHosts, process.env),
  }
  const scenario = options.scenario ?? config.scenario ?? 'default'
  const adminToken = resolveAdminToken(options.adminToken, process.env, config.host)
  const seed = resolveSeed(options.seed, config.host)
  const standin = await createStandin({
    scenario,
    config,
    seed,
    adminToken,
    accessLog: createAccessLog({
      format: options.log ?? logFormatFromEnv(process.env) ?? config.log ?? 'pretty',
      verbose: options.verbose || config.verbose,
      clock: new SystemClock(),
      write: stderrLines,
    }),
  })
  logScriptedEvents(standin.world, logToStderr)
  const server = await serveApp(standin.app.fetch, {
    host: config.host,
    port: config.port,
    headersTimeoutMs: config.headersTimeoutMs,
    requestTimeoutMs: config.requestTimeoutMs,
  })
  const watcher = options.watch
    ? watchFiles({
        world: standin.world,
        scenario,
        source: defaultScenarioSource(),
        fixtureRoots: defaultFixtureStore().roots,
        log: logToStderr,
      })
    : undefined
  // Handlers go in before the ready line, so a signal sent the moment it appears is handled.
  const stop = () => {
    watcher?.close()
    const force = setTimeout(() => process.exit(0), DRAIN_TIMEOUT_MS)
    force.unref()
    void server.close({ idleGraceMs: SHUTDOWN_IDLE_GRACE_MS }).then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  process.stdout.write(`standin listening on ${server.url}\n`)
  // The bin (launch.cts) writes its code cache now, under V8's default heap flags (it sets the
  // young generation's back first). Then ours, for the serving; the old generation's only now,
  // after the start, whose heap grows from nothing: with it from the first module on, the full
  // collections it adds cost the start 30 ms of CPU.
  process.emit(READY_EVENT)
  setHeapFlag('semi-space-growth-factor', process.execArgv, process.env)
  setHeapFlag('heap-growing-percent', process.execArgv, process.env)
}

/** `[::1]` as written in a URL is `::1` to listen on. */
function bareAddress(host: string): string {
  return host.replace(/^\[(.*)\]$/, '$1')
}
