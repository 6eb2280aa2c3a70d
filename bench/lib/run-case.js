// @ts-check
/**
 * Runs one case of bench/cases.js: skip when its provider is absent, obtain its credentials, probe
 * once (the answer must have the expected status, or the case fails with what it got), warm up,
 * measure, and compare with its floor. A case with a config of its own, and every case when the
 * bench profiles, gets a standin process of its own.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runLoad, runMetered } from './load.js'
import { median } from './stats.js'
import { hotspots } from './profile.js'
import { callJson, loadBenchScenario, startStandin } from './standin.js'

/**
 * @typedef {import('../cases.js').BenchCase} BenchCase
 * @typedef {import('./load.js').LoadRequest} LoadRequest
 * @typedef {import('./load.js').LoadOptions} LoadOptions
 * @typedef {import('./report.js').CaseRow} CaseRow
 * @typedef {import('./spawn.js').Server} Server
 *
 * @typedef {object} CaseEnv
 * @property {Server} server       the shared standin
 * @property {Set<string>} providers  registered providers
 * @property {string} upstream     the bare node:http server, for proxy cases
 * @property {LoadOptions} warmup
 * @property {LoadOptions} measure
 * @property {number} rounds  the case and its floor are measured in turns, this many times each
 * @property {(name: import('../cases.js').FloorName, options: LoadOptions) => Promise<import('./floors.js').Rate>} floorRate
 * @property {string} [profileDir]  profile each case's standin with --cpu-prof into this folder
 */

/**
 * @param {BenchCase} c
 * @param {CaseEnv} env
 * @returns {Promise<CaseRow & { shared?: LoadRequest }>}
 */
export async function runCase(c, env) {
  const row = { name: c.name, floor: c.floor, target: c.target }
  if (c.provider !== undefined && !env.providers.has(c.provider)) {
    return { ...row, outcome: 'skipped', reason: `provider "${c.provider}" not registered` }
  }
  const profile =
    env.profileDir === undefined ? undefined : join(env.profileDir, `${slug(c.name)}.cpuprofile`)
  /** @type {Server | undefined} */
  let own
  if (c.config || profile) {
    try {
      own = await startOwn(c, env, profile)
    } catch (error) {
      return {
        ...row,
        outcome: 'skipped',
        reason: `standin refused the case's config: ${firstLine(error)}`,
      }
    }
  }
  let result
  try {
    result = await measure(c, own ?? env.server, env)
  } finally {
    await own?.stop()
  }
  if (result.outcome !== 'measured') return { ...row, ...result }
  const { request, ...measured } = result
  return {
    ...row,
    ...measured,
    ...(own ? {} : { shared: request }),
    ...(profile ? { profile: { file: profile, ...hotspots(profile) } } : {}),
  }
}

/**
 * @param {BenchCase} c
 * @param {CaseEnv} env
 * @param {string | undefined} profile
 */
async function startOwn(c, env, profile) {
  const extra = []
  if (c.config) {
    const file = join(mkdtempSync(join(tmpdir(), 'standin-bench-')), 'standin.config.json')
    writeFileSync(file, JSON.stringify(c.config(env.upstream)))
    extra.push('--config', file)
  }
  const nodeArgs = profile
    ? [
        '--cpu-prof',
        '--cpu-prof-dir',
        join(profile, '..'),
        '--cpu-prof-name',
        profile.split(/[\\/]/).pop() ?? 'case.cpuprofile',
      ]
    : []
  const own = await startStandin(extra, { env: c.env ?? {}, nodeArgs })
  try {
    await loadBenchScenario(own.url)
  } catch (error) {
    await own.stop()
    throw error
  }
  return own
}

/**
 * @param {BenchCase} c
 * @param {Server} server
 * @param {CaseEnv} env
 * @returns {Promise<{ outcome: 'failed', reason: string } | { outcome: 'measured', load: import('./load.js').LoadResult, ratio: number, floorRps: number, cpuRps?: number, cpuRatio?: number, unexpected?: string, request: LoadRequest }>}
 */
async function measure(c, server, env) {
  const { url } = server
  let request
  try {
    request = await c.prepare({ url, call: (path, init) => callJson(url, path, init) })
  } catch (error) {
    return { outcome: 'failed', reason: `prepare: ${firstLine(error)}` }
  }
  const probe = await fetch(new URL(request.path, url), {
    method: request.method ?? 'GET',
    headers: request.headers ?? {},
    ...(request.body === undefined ? {} : { body: request.body }),
  })
  const text = await probe.text()
  if (probe.status !== c.expect) {
    return {
      outcome: 'failed',
      reason: `probe answered ${String(probe.status)}, not ${String(c.expect)}: ${text.slice(0, 120)}`,
    }
  }
  await runLoad(url, request, env.warmup)
  // In turns with its floor, so a machine that gets busier or quieter mid-run shifts both alike.
  const slice = { ...env.measure, seconds: env.measure.seconds / env.rounds }
  /** @type {import('./load.js').MeteredResult[]} */
  const loads = []
  /** @type {number[]} */
  const ratios = []
  /** @type {number[]} */
  const cpuRatios = []
  /** @type {number[]} */
  const floorRates = []
  for (let round = 0; round < env.rounds; round++) {
    const floor = await env.floorRate(c.floor, slice)
    const load = await runMetered(server, request, slice)
    loads.push(load)
    floorRates.push(floor.rps)
    ratios.push(load.rps / floor.rps)
    if (load.cpuRps !== undefined && floor.cpuRps !== undefined)
      cpuRatios.push(load.cpuRps / floor.cpuRps)
  }
  const cpuRates = loads.flatMap((l) => (l.cpuRps === undefined ? [] : [l.cpuRps]))
  const load = combine(loads)
  const unexpected = Object.entries(load.statuses)
    .filter(([code]) => code !== String(c.expect))
    .map(([code, n]) => `${code}×${String(n)}`)
  if (load.errors > 0) unexpected.push(`errors×${String(load.errors)}`)
  return {
    outcome: 'measured',
    load,
    ratio: median(ratios),
    floorRps: median(floorRates),
    ...(cpuRates.length > 0 ? { cpuRps: median(cpuRates) } : {}),
    ...(cpuRatios.length > 0 ? { cpuRatio: median(cpuRatios) } : {}),
    ...(unexpected.length > 0 ? { unexpected: unexpected.join(' ') } : {}),
    request,
  }
}

/**
 * One result from several slices: median rate and latencies, summed counts.
 * @param {import('./load.js').LoadResult[]} loads
 * @returns {import('./load.js').LoadResult}
 */
function combine(loads) {
  /** @type {Record<string, number>} */
  const statuses = {}
  for (const l of loads)
    for (const [code, n] of Object.entries(l.statuses)) statuses[code] = (statuses[code] ?? 0) + n
  return {
    rps: median(loads.map((l) => l.rps)),
    p50: median(loads.map((l) => l.p50)),
    p99: median(loads.map((l) => l.p99)),
    total: loads.reduce((sum, l) => sum + l.total, 0),
    errors: loads.reduce((sum, l) => sum + l.errors, 0),
    statuses,
  }
}

/** @param {string} name */
function slug(name) {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}

/** @param {unknown} error */
function firstLine(error) {
  const message = error instanceof Error ? error.message : String(error)
  return message.split('\n')[0] ?? message
}
