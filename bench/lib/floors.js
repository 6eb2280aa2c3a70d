// @ts-check
/**
 * The floors every case is compared with, measured in the same run: a bare node:http JSON route,
 * the same route on bare hono, `http-proxy` forwarding to the node:http server, and jose's bare
 * `jwtVerify` rate.
 */
import { fileURLToPath } from 'node:url'
import { runLoad } from './load.js'
import { runToEnd, startServer } from './spawn.js'

const floorFile = (/** @type {string} */ name) =>
  fileURLToPath(new URL(`../floors/${name}.js`, import.meta.url))

/** The request every HTTP floor answers. */
export const FLOOR_REQUEST = { path: '/json' }

/**
 * @typedef {import('./load.js').LoadOptions} LoadOptions
 * @typedef {import('./load.js').LoadResult} LoadResult
 * @typedef {{ 'node:http': LoadResult, hono: LoadResult, 'http-proxy': LoadResult, 'jose jwtVerify': { rps: number } }} Floors
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
 * Warms each floor up, then measures it.
 * @param {Awaited<ReturnType<typeof startFloors>>} started
 * @param {{ warmup: LoadOptions, measure: LoadOptions }} options
 * @returns {Promise<Floors>}
 */
export async function measureFloors(started, options) {
  /** @type {Partial<Floors>} */
  const out = {}
  for (const [name, server] of /** @type {const} */ ([
    ['node:http', started.servers['node:http']],
    ['hono', started.servers.hono],
    ['http-proxy', started.servers['http-proxy']],
  ])) {
    await runLoad(server.url, FLOOR_REQUEST, options.warmup)
    out[name] = await runLoad(server.url, FLOOR_REQUEST, options.measure)
  }
  const line = await runToEnd(
    [
      floorFile('jose-verify'),
      String(options.measure.connections),
      String(options.measure.seconds),
    ],
    options.measure.seconds * 1000 + 30_000,
  )
  const jose = /** @type {{ opsPerSec: number }} */ (
    JSON.parse(line.trim().split('\n').pop() ?? '{}')
  )
  out['jose jwtVerify'] = { rps: jose.opsPerSec }
  return /** @type {Floors} */ (out)
}
