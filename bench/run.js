// @ts-check
/**
 * `npm run bench`: cold starts; the reference floors; every case of bench/cases.js against the
 * built standin bin (`standin start --port 0 --no-rate-limits` on bench/scenarios/bench.yaml), each
 * in turns with its limit floor; the flat-cost cases of bench/flat/; RSS after a long run; the MSW
 * path. Writes bench/results/latest.md and latest.json and prints one summary line per case.
 *
 * Options: --seconds N (each case's measured time, default 6), --connections N (default 32),
 * --cold-runs N (default 9), --rss-requests N (default 200000), --out FILE (the markdown; the JSON
 * goes beside it), --quick (a short run to check the suite itself), --profile (each case on a
 * standin of its own under `node --cpu-prof`; the report then names the functions that took the
 * time, and the profiles stay in bench/results/), --skip LIST (comma-separated parts to leave out:
 * cold, throughput, flat, memory, msw), --peers (also WireMock and oauth2-mock-server, when they
 * can run here).
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { availableParallelism, loadavg } from 'node:os'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { CASES } from './cases.js'
import { measureColdStarts } from './cold-start.js'
import { measureCredentials } from './flat/credentials.js'
import { measureEntries } from './flat/entries.js'
import { measureImports } from './flat/imports.js'
import { measureMsw } from './flat/msw.js'
import { measureSessions } from './flat/sessions.js'
import { measureSnapshots } from './flat/snapshot.js'
import { HTTP_FLOORS, measureFloors, startFloors } from './lib/floors.js'
import { measureMemory } from './lib/memory.js'
import { measurePeers } from './lib/peers.js'
import {
  coldLine,
  flatLine,
  memoryLine,
  profileLines,
  summaryLine,
  toJson,
  toMarkdown,
} from './lib/report.js'
import { runCase, sharedRequests } from './lib/run-case.js'
import { formatRate } from './lib/stats.js'
import { loadBenchScenario, startStandin } from './lib/standin.js'

const COLD_START_TARGET = 1.3
const RSS_TARGET_MB = 120
/** The whole run may take this long; past it, everything is stopped. */
const WATCHDOG_MS = 12 * 60_000

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
    skip: { type: 'string', default: '' },
    peers: { type: 'boolean', default: false },
  },
})
const quick = values.quick === true
const skip = new Set(values.skip.split(',').filter(Boolean))
const seconds = quick ? 1 : Number(values.seconds)
const connections = Number(values.connections)
const coldRuns = quick ? 3 : Number(values['cold-runs'])
const rssRequests = quick ? 20_000 : Number(values['rss-requests'])
const measure = { connections, seconds }
// The JIT and the heap need a few seconds of load before a rate settles (a token endpoint more
// than doubles from its first two seconds to its sixth).
const warmup = { connections, seconds: quick ? 1 : Math.max(2, Math.round(seconds / 3)) }
const rounds = quick ? 1 : 3
const slice = { connections, seconds: seconds / rounds }

const watchdog = setTimeout(() => {
  process.stderr.write(`bench: stopped after ${String(WATCHDOG_MS / 60_000)} minutes\n`)
  process.exit(1)
}, WATCHDOG_MS)
watchdog.unref()

const log = (/** @type {string} */ line) => process.stdout.write(`${line}\n`)
const loadBefore = loadavg().map((n) => n.toFixed(2))
const startedAt = performance.now()

const coldStarts = skip.has('cold') ? {} : await measureColdStarts(coldRuns)
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
  /** @type {import('./lib/report.js').CaseRow[]} */
  const floorRows = []
  /** @type {(import('./lib/report.js').CaseRow & { shared?: () => Promise<import('./lib/load.js').LoadRequest> })[]} */
  const rows = []
  if (!skip.has('throughput')) {
    const floors = await measureFloors(started, { warmup, measure })
    for (const name of HTTP_FLOORS) {
      const row = {
        name: `floor: bare ${name}`,
        floor: 'node:http',
        target: undefined,
        outcome: /** @type {const} */ ('measured'),
        load: floors[name],
        ratio: floors[name].rps / floors['node:http'].rps,
        floorRps: floors['node:http'].rps,
        ...cpuOf(floors[name].cpuRps, floors['node:http'].cpuRps),
      }
      log(summaryLine(row))
      floorRows.push(row)
    }
    const jose = floors['jose jwtVerify']
    log(
      `bench: reference: jose jwtVerify RS384 in-process: ${formatRate(jose.rps)} verifications/s, ${formatRate(jose.cpuRps ?? Number.NaN)} per CPU-second`,
    )

    const providers = await loadBenchScenario(standin.url)
    const env = {
      server: standin,
      providers,
      upstream: started.upstream,
      rounds,
      floors: started.servers,
      warmup,
      measure,
      ...(values.profile ? { profileDir: dirname(values.out) } : {}),
    }
    for (const c of CASES) {
      const row = await runCase(c, env)
      log(summaryLine(row))
      for (const line of profileLines(row)) log(line)
      rows.push(row)
    }
  }

  /** @type {import('./flat/row.js').FlatRow[]} */
  const flat = []
  const addFlat = (/** @type {import('./flat/row.js').FlatRow[]} */ more) => {
    for (const row of more) {
      log(flatLine(row))
      flat.push(row)
    }
  }
  if (!skip.has('flat')) {
    const turns = { rounds, slice, warmup }
    addFlat(
      await measureCredentials({
        ...turns,
        ...(quick ? { live: 20_000 } : {}),
        fillSeconds: quick ? 30 : 90,
      }),
    )
    addFlat(
      await measureImports(
        quick ? { limitSeconds: 30, small: 400, large: 4_000 } : { limitSeconds: 45 },
      ),
    )
    addFlat([await measureEntries({ ...turns, ...(quick ? { large: 10_000 } : {}) })])
    addFlat([await measureSessions({ ...turns, ...(quick ? { count: 100 } : {}) })])
    addFlat(await measureSnapshots(quick ? { small: 400, large: 4_000 } : {}))
  }
  if (!skip.has('msw'))
    addFlat([await measureMsw(quick ? { rounds: 3, calls: 100 } : { rounds: 10, calls: 300 })])

  /** @type {import('./lib/report.js').MemoryRow | undefined} */
  let memory
  if (!skip.has('memory')) {
    // Without the throughput part, the long run still goes over the cases' own requests.
    const shared = skip.has('throughput')
      ? await sharedRequests(CASES, standin)
      : rows.flatMap((row) => (row.shared ? [row.shared] : []))
    // With --profile every case ran on a standin of its own; the long run then uses health alone.
    const healthOnly = shared.length === 0
    if (healthOnly) shared.push(async () => ({ path: '/_standin/health' }))
    const measured = await measureMemory(standin, shared, {
      total: rssRequests,
      connections,
      maxSeconds: quick ? 30 : 120,
      chunks: quick ? 10 : 40,
      targetMb: RSS_TARGET_MB,
    })
    memory = healthOnly
      ? {
          ...measured,
          scope:
            'the control plane health route only (every case ran on a standin of its own, or none ran), so not comparable with a full run',
        }
      : measured
    log(memoryLine(memory))
  }

  const peers = values.peers ? await measurePeers({ warmup, slice, rounds, log }) : undefined

  const report = {
    meta: {
      date: new Date().toISOString(),
      commit: commitOf(),
      node: process.version,
      cpus: String(availableParallelism()),
      'load average before the run (1, 5, 15 min)': loadBefore.join(', '),
      'load average after the run': loadavg()
        .map((n) => n.toFixed(2))
        .join(', '),
      'run time': `${((performance.now() - startedAt) / 60_000).toFixed(1)} min`,
      load: `autocannon, ${String(connections)} connections, ${String(warmup.seconds)} s warm-up, then ${String(seconds)} s per case in ${String(rounds)} turns with its floor (ratio: median of the turns), all on 127.0.0.1`,
      standin:
        '`standin start --port 0 --no-rate-limits --scenario bench/scenarios/bench.yaml` (built bin)',
    },
    cases: [...floorRows, ...rows],
    flat,
    cold,
    memory,
    ...(peers ? { peers } : {}),
  }
  mkdirSync(dirname(values.out), { recursive: true })
  writeFileSync(values.out, toMarkdown(report))
  const json = values.out.replace(/\.md$/, '') + '.json'
  writeFileSync(json, `${JSON.stringify(toJson(report), null, 2)}\n`)
  log(`bench: wrote ${values.out} and ${json}`)
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
