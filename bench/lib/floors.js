// @ts-check
/**
 * The floors, measured in the same run. Reference floors: a bare node:http JSON route, the same
 * route on bare hono, `http-proxy` forwarding to the node:http server (keep-alive agent, and Node's
 * default agent) and jose's bare `jwtVerify` rate. Limit floors (floors/limit.js): one per case,
 * started from standin's own answer to that case's request, doing only the irreducible work.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runLoad, runMetered } from './load.js'
import { runToEnd, startServer } from './spawn.js'

export const floorFile = (/** @type {string} */ name) =>
  fileURLToPath(new URL(`../floors/${name}.js`, import.meta.url))

/** The request every reference HTTP floor answers. */
export const FLOOR_REQUEST = { path: '/json' }

/** The reference floors served over HTTP. */
export const HTTP_FLOORS = /** @type {const} */ ([
  'node:http',
  'hono',
  'http-proxy',
  'http-proxy (default agent)',
])

/**
 * @typedef {import('./load.js').LoadOptions} LoadOptions
 * @typedef {import('./load.js').LoadResult} LoadResult
 * @typedef {import('./load.js').MeteredResult} MeteredResult
 * @typedef {import('./spawn.js').Server} Server
 * @typedef {{ rps: number, cpuRps: number | undefined }} Rate
 * @typedef {typeof HTTP_FLOORS[number]} HttpFloor
 * @typedef {Record<HttpFloor, MeteredResult> & { 'jose jwtVerify': Rate }} Floors
 * @typedef {import('../floors/limit.js').LimitSpec} LimitSpec
 */

/**
 * Starts the reference HTTP floors. The node:http one stays up as the upstream for the proxy cases.
 */
export async function startFloors() {
  const node = await startServer([floorFile('node-http')])
  const hono = await startServer([floorFile('hono')])
  const proxy = await startServer([floorFile('http-proxy'), node.url])
  const proxyDefault = await startServer([floorFile('http-proxy'), node.url, 'default'])
  /** @type {Record<HttpFloor, Server>} */
  const servers = {
    'node:http': node,
    hono,
    'http-proxy': proxy,
    'http-proxy (default agent)': proxyDefault,
  }
  return {
    upstream: node.url,
    servers,
    async stop() {
      await Promise.all(Object.values(servers).map((s) => s.stop()))
    },
  }
}

/**
 * A case's limit floor, serving standin's captured answer.
 * @param {LimitSpec} spec
 * @returns {Promise<Server>}
 */
export function startLimitFloor(spec) {
  const file = join(mkdtempSync(join(tmpdir(), 'standin-bench-limit-')), 'spec.json')
  writeFileSync(file, JSON.stringify(spec))
  return startServer([floorFile('limit'), file])
}

/**
 * jose's bare `jwtVerify` rate, in a process of its own, for `seconds`.
 * @param {LoadOptions} options
 * @returns {Promise<Rate>}
 */
async function joseRate(options) {
  const line = await runToEnd(
    [floorFile('jose-verify'), String(options.connections), String(options.seconds)],
    options.seconds * 1000 + 30_000,
  )
  const jose = /** @type {{ opsPerSec: number, opsPerCpuSec: number }} */ (
    JSON.parse(line.trim().split('\n').pop() ?? '{}')
  )
  return { rps: jose.opsPerSec, cpuRps: jose.opsPerCpuSec }
}

/**
 * Warms each reference floor up, then measures it once, for the reference rows of the report.
 * @param {Awaited<ReturnType<typeof startFloors>>} started
 * @param {{ warmup: LoadOptions, measure: LoadOptions }} options
 * @returns {Promise<Floors>}
 */
export async function measureFloors(started, options) {
  /** @type {Partial<Floors>} */
  const out = {}
  for (const name of HTTP_FLOORS) {
    const server = started.servers[name]
    await runLoad(server.url, FLOOR_REQUEST, options.warmup)
    out[name] = await runMetered(server, FLOOR_REQUEST, options.measure)
  }
  out['jose jwtVerify'] = await joseRate(options.measure)
  return /** @type {Floors} */ (out)
}
