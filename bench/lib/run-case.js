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
import { startLimitFloor } from './floors.js'
import { runLoad } from './load.js'
import { inTurns, unexpectedOf } from './turns.js'
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
 * @property {Record<import('./floors.js').HttpFloor, Server>} floors  the running reference floors
 * @property {string} [profileDir]  profile each case's standin with --cpu-prof into this folder
 */

/**
 * @param {BenchCase} c
 * @param {CaseEnv} env
 * @returns {Promise<CaseRow & { shared?: () => Promise<LoadRequest> }>}
 *   `shared`: obtains the case's request anew (fresh credentials) on the shared standin
 */
export async function runCase(c, env) {
  const row = {
    name: c.name,
    floor: c.floor === 'limit' ? `limit: ${c.limit ?? 'replay'}` : c.floor,
    target: c.target,
  }
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
  return {
    ...row,
    ...result,
    ...(own ? {} : { shared: () => freshRequest(c, env.server.url) }),
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
 * @returns {Promise<{ outcome: 'failed', reason: string } | { outcome: 'measured', load: import('./load.js').LoadResult, ratio: number, floorRps: number, cpuRps?: number, cpuRatio?: number, floorCpuRps?: number, split?: import('./report.js').CpuPerRequest, unexpected?: string }>}
 */
async function measure(c, server, env) {
  const { url } = server
  /** @type {import('../cases.js').Prepared} */
  let prepared
  try {
    prepared = await c.prepare({ url, call: (path, init) => callJson(url, path, init) })
  } catch (error) {
    return { outcome: 'failed', reason: `prepare: ${firstLine(error)}` }
  }
  const { publicJwk, ...request } = prepared
  const probe = await fetch(new URL(request.path, url), {
    method: request.method ?? 'GET',
    headers: request.headers ?? {},
    ...(request.body === undefined ? {} : { body: request.body }),
  })
  const bytes = Buffer.from(await probe.arrayBuffer())
  if (probe.status !== c.expect) {
    return {
      outcome: 'failed',
      reason: `probe answered ${String(probe.status)}, not ${String(c.expect)}: ${bytes.toString('utf8').slice(0, 120)}`,
    }
  }
  /** @type {Server | undefined} */
  let limit
  if (c.floor === 'limit') {
    limit = await startLimitFloor({
      mode: c.limit ?? 'replay',
      status: probe.status,
      contentType: probe.headers.get('content-type') ?? '',
      body: bytes.toString('base64'),
      ...(publicJwk ? { publicJwk } : {}),
    })
  }
  try {
    const floor = limit ?? env.floors[/** @type {import('./floors.js').HttpFloor} */ (c.floor)]
    await runLoad(url, request, env.warmup)
    await runLoad(floor.url, request, env.warmup)
    const slice = { ...env.measure, seconds: env.measure.seconds / env.rounds }
    const turns = await inTurns(
      { server, request },
      { server: floor, request },
      { rounds: env.rounds, slice },
    )
    const unexpected = unexpectedOf(turns.load, c.expect)
    const floorUnexpected = unexpectedOf(turns.base, c.expect)
    return {
      outcome: 'measured',
      load: turns.load,
      ratio: turns.ratio,
      floorRps: turns.base.rps,
      ...(turns.cpuRps === undefined ? {} : { cpuRps: turns.cpuRps }),
      ...(turns.cpuRatio === undefined ? {} : { cpuRatio: turns.cpuRatio }),
      ...(turns.baseCpuRps === undefined ? {} : { floorCpuRps: turns.baseCpuRps }),
      split: turns.split,
      ...(unexpected || floorUnexpected
        ? {
            unexpected: [unexpected, floorUnexpected && `floor: ${floorUnexpected}`]
              .filter(Boolean)
              .join('; '),
          }
        : {}),
    }
  } finally {
    await limit?.stop()
  }
}

/**
 * The fresh-request makers of the cases that run on the shared standin, for the long run when the
 * throughput cases themselves were skipped: loads the bench scenario first, as they would have.
 * @param {readonly BenchCase[]} cases
 * @param {Server} server
 * @returns {Promise<(() => Promise<LoadRequest>)[]>}
 */
export async function sharedRequests(cases, server) {
  const providers = await loadBenchScenario(server.url)
  return cases
    .filter((c) => !c.config && (c.provider === undefined || providers.has(c.provider)))
    .map((c) => () => freshRequest(c, server.url))
}

/**
 * @param {BenchCase} c
 * @param {string} url
 * @returns {Promise<LoadRequest>}
 */
async function freshRequest(c, url) {
  const prepared = await c.prepare({ url, call: (path, init) => callJson(url, path, init) })
  const request = { ...prepared }
  delete request.publicJwk
  return request
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
