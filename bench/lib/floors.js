// @ts-check
/**
 * The floors every case is compared with, measured in the same run: a bare node:http JSON route,
 * the same route on bare hono, `http-proxy` forwarding to the node:http server, and jose's bare
 * `jwtVerify` rate.
 */
import { fileURLToPath } from 'node:url'
import { runLoad, runMetered } from './load.js'
import { runToEnd, startServer } from './spawn.js'

const floorFile = (/** @type {string} */ name) =>
  fileURLToPath(new URL(`../floors/${name}.js`, import.meta.url))

/** The request every HTTP floor answers. */
export const FLOOR_REQUEST = { path: '/json' }

/**
 * @typedef {import('./load.js').LoadOptions} LoadOptions
 * @typedef {import('./load.js').LoadResult} LoadResult
 * @typedef {import('./load.js').MeteredResult} MeteredResult
 * @typedef {{ rps: number, cpuRps: number | undefined }} Rate
 * @typedef {{ 'node:http': MeteredResult, hono: MeteredResult, 'http-proxy': MeteredResult, 'jose jwtVerify': Rate }} Floors
 */

/**
 * Starts the HTTP floors. The node:http one stays up as the upstream for the proxy cases.
 */
export async function startFloors() {
  const node = await startServer([floorFile('node-http')])
  const hono = await startServer([floorFile('hono')])
  const proxy = await startServer([floorFile('http-proxy'), node.url])
  return {
    upstream: node.url,
    servers: /** @type {const} */ ({ 'node:http': node, hono, 'http-proxy': proxy }),
    async stop() {
      await Promise.all([node.stop(), hono.stop(), proxy.stop()])
    },
  }
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
 * A meter for the running floors: one measurement of one floor's rate, so a case can measure its
 * floor in turns with itself.
 * @param {Awaited<ReturnType<typeof startFloors>>} started
 * @returns {(name: import('../cases.js').FloorName, options: LoadOptions) => Promise<Rate>}
 */
export function floorMeter(started) {
  return async (name, options) => {
    if (name === 'jose jwtVerify') return joseRate(options)
    return runMetered(started.servers[name], FLOOR_REQUEST, options)
  }
}

/**
 * Warms each floor up, then measures it once, for the reference rows of the report.
 * @param {Awaited<ReturnType<typeof startFloors>>} started
 * @param {{ warmup: LoadOptions, measure: LoadOptions }} options
 * @returns {Promise<Floors>}
 */
export async function measureFloors(started, options) {
  /** @type {Partial<Floors>} */
  const out = {}
  for (const name of /** @type {const} */ (['node:http', 'hono', 'http-proxy'])) {
    const server = started.servers[name]
    await runLoad(server.url, FLOOR_REQUEST, options.warmup)
    out[name] = await runMetered(server, FLOOR_REQUEST, options.measure)
  }
  out['jose jwtVerify'] = await joseRate(options.measure)
  return /** @type {Floors} */ (out)
}
