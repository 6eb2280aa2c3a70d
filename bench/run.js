// @ts-check
/**
 * `npm run bench`: cold starts, the floors, every case of bench/cases.js against the built standin
 * bin (`standin start --port 0 --no-rate-limits` on bench/scenarios/bench.yaml), and RSS after a
 * long run. Writes bench/results/latest.md and prints one summary line per case.
 *
 * Options: --seconds N (each case's measured time, default 6), --connections N (default 32),
 * --cold-runs N (default 9), --rss-requests N (default 200000), --out FILE, --quick (a short run
 * to check the suite itself), --profile (each case on a standin of its own under `node --cpu-prof`;
 * the report then names the functions that took the time, and the profiles stay in bench/results/).
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { availableParallelism, loadavg } from 'node:os'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { CASES } from './cases.js'
import { measureColdStarts } from './cold-start.js'
import { floorMeter, measureFloors, startFloors } from './lib/floors.js'
import { measureMemory } from './lib/memory.js'
import { coldLine, memoryLine, profileLines, summaryLine, toMarkdown } from './lib/report.js'
import { runCase } from './lib/run-case.js'
import { formatRate } from './lib/stats.js'
import { loadBenchScenario, startStandin } from './lib/standin.js'

const COLD_START_TARGET = 1.5
const RSS_TARGET_MB = 120
/** The whole run may take this long; past it, everything is stopped. */
const WATCHDOG_MS = 10 * 60_000

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '6' },
    connections: { type: 'string', default: '32' },
    'cold-runs': { type: 'string', default: '9' },
    'rss-requests': { type: 'string', default: '200000' },
    out: {
      type: 'string',
      default: fileURLToPath(new URL('./results/latest.md', import.meta.url)),
    },
    quick: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
  },
})
const quick = values.quick === true
const seconds = quick ? 1 : Number(values.seconds)
const connections = Number(values.connections)
const coldRuns = quick ? 3 : Number(values['cold-runs'])
const rssRequests = quick ? 20_000 : Number(values['rss-requests'])
const measure = { connections, seconds }
const warmup = { connections, seconds: Math.max(1, Math.round(seconds / 5)) }

const watchdog = setTimeout(() => {
  process.stderr.write(`bench: stopped after ${String(WATCHDOG_MS / 60_000)} minutes\n`)
  process.exit(1)
}, WATCHDOG_MS)
watchdog.unref()

const log = (/** @type {string} */ line) => process.stdout.write(`${line}\n`)
const loadBefore = loadavg().map((n) => n.toFixed(2))

const coldStarts = await measureColdStarts(coldRuns)
const hono = coldStarts.hono
const cold = Object.entries(coldStarts).map(([name, c]) => ({
  name,
  ...c,
  wallRatio: hono && name !== 'hono' ? c.wallMs / hono.wallMs : undefined,
  cpuRatio: hono?.cpuMs && c.cpuMs && name !== 'hono' ? c.cpuMs / hono.cpuMs : undefined,
  target: name === 'standin' ? COLD_START_TARGET : undefined,
}))
for (const row of cold) log(coldLine(row))

const started = await startFloors()
const standin = await startStandin()
try {
  const floors = await measureFloors(started, { warmup, measure })
  const floorRows = /** @type {const} */ (['node:http', 'hono', 'http-proxy']).map((name) => ({
    name: `floor: bare ${name}`,
    floor: 'node:http',
    target: undefined,
    outcome: /** @type {const} */ ('measured'),
    load: floors[name],
    ratio: floors[name].rps / floors['node:http'].rps,
    floorRps: floors['node:http'].rps,
    ...cpuOf(floors[name].cpuRps, floors['node:http'].cpuRps),
  }))
  for (const row of floorRows) log(summaryLine(row))
  const jose = floors['jose jwtVerify']
  log(
    `bench: floor: jose jwtVerify RS384: ${formatRate(jose.rps)} verifications/s, ${formatRate(jose.cpuRps ?? Number.NaN)} per CPU-second`,
  )

  const providers = await loadBenchScenario(standin.url)
  const env = {
    server: standin,
    providers,
    upstream: started.upstream,
    rounds: quick ? 1 : 3,
    floorRate: floorMeter(started),
    warmup,
    measure,
    ...(values.profile ? { profileDir: dirname(values.out) } : {}),
  }
  const rows = []
  for (const c of CASES) {
    const row = await runCase(c, env)
    log(summaryLine(row))
    for (const line of profileLines(row)) log(line)
    rows.push(row)
  }

  const shared = rows.flatMap((row) => (row.shared ? [row.shared] : []))
  // With --profile every case ran on a standin of its own; the long run then uses health alone.
  const healthOnly = shared.length === 0
  if (healthOnly) shared.push({ path: '/_standin/health' })
  const measured = await measureMemory(standin, shared, {
    total: rssRequests,
    connections,
    maxSeconds: quick ? 30 : 120,
    targetMb: RSS_TARGET_MB,
  })
  const memory = healthOnly
    ? {
        ...measured,
        scope:
          'the control plane health route only (with --profile each case ran on a standin of its own), so not comparable with a full run',
      }
    : measured
  log(memoryLine(memory))

  const report = {
    meta: {
      date: new Date().toISOString(),
      commit: commitOf(),
      node: process.version,
      cpus: String(availableParallelism()),
      'load average before the run (1, 5, 15 min)': loadBefore.join(', '),
      load: `autocannon, ${String(connections)} connections, ${String(warmup.seconds)} s warm-up, then ${String(seconds)} s per case in ${String(env.rounds)} turns with its floor (ratio: median of the turns), all on 127.0.0.1`,
      standin:
        '`standin start --port 0 --no-rate-limits --scenario bench/scenarios/bench.yaml` (built bin)',
    },
    cases: [...floorRows, ...rows],
    cold,
    memory,
  }
  mkdirSync(dirname(values.out), { recursive: true })
  writeFileSync(values.out, toMarkdown(report))
  log(`bench: wrote ${values.out}`)
} finally {
  await standin.stop()
  await started.stop()
}

/**
 * @param {number | undefined} rate
 * @param {number | undefined} floor
 */
function cpuOf(rate, floor) {
  return rate === undefined || floor === undefined ? {} : { cpuRps: rate, cpuRatio: rate / floor }
}

function commitOf() {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim()
    const dirty = execFileSync('git', ['status', '--porcelain'], { encoding: 'utf8' }).trim() !== ''
    return dirty ? `${head} (with uncommitted changes)` : head
  } catch {
    return 'unknown'
  }
}
