// @ts-check
/**
 * Cold start: spawn, wait for the ready line, stop; the standin bin beside a bare hono and a bare
 * node:http server started the same way, runs interleaved so slow moments hit all of them alike.
 * Reports the median wall time to the ready line and the median CPU time the process used by then.
 */
import { fileURLToPath } from 'node:url'
import { BIN } from './lib/standin.js'
import { cpuMsOf, startServer } from './lib/spawn.js'
import { median } from './lib/stats.js'

const floor = (/** @type {string} */ name) =>
  fileURLToPath(new URL(`./floors/${name}.js`, import.meta.url))

/** What is started, exactly as a user would: the bin itself, not through npm. */
export const COLD_STARTS = /** @type {const} */ ([
  { name: 'standin', args: [BIN, 'start', '--port', '0'] },
  { name: 'hono', args: [floor('hono')] },
  { name: 'node:http', args: [floor('node-http')] },
])

/**
 * @typedef {{ wallMs: number, cpuMs: number | undefined, runs: number }} ColdStart
 * @param {number} runs
 * @returns {Promise<Record<string, ColdStart>>}
 */
export async function measureColdStarts(runs) {
  /** @type {Record<string, { wall: number[], cpu: number[] }>} */
  const samples = {}
  for (const { name } of COLD_STARTS) samples[name] = { wall: [], cpu: [] }
  for (let i = 0; i < runs; i++) {
    for (const { name, args } of COLD_STARTS) {
      const server = await startServer(args)
      const cpu = cpuMsOf(server.pid)
      await server.stop()
      const sample = /** @type {{ wall: number[], cpu: number[] }} */ (samples[name])
      sample.wall.push(server.readyMs)
      if (cpu !== undefined) sample.cpu.push(cpu)
    }
  }
  /** @type {Record<string, ColdStart>} */
  const out = {}
  for (const [name, { wall, cpu }] of Object.entries(samples)) {
    out[name] = { wallMs: median(wall), cpuMs: cpu.length > 0 ? median(cpu) : undefined, runs }
  }
  return out
}
