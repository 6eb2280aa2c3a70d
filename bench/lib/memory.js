// @ts-check
/**
 * RSS after a long run: a fixed number of requests spread over every case that ran against the
 * shared standin, while the virtual clock jumps past the longest token lifetime every half second
 * so credentials are issued and expire throughout (and the registry must purge them).
 */
import { runLoad } from './load.js'
import { callJson } from './standin.js'

/** Past Redox's 5 minutes; Epicollect5's 2 hours pass every 24 jumps. */
const ADVANCE_SECONDS = 301
const ADVANCE_EVERY_MS = 500

/**
 * @param {import('./spawn.js').Server} server
 * @param {readonly import('./load.js').LoadRequest[]} requests
 * @param {{ total: number, connections: number, maxSeconds: number, targetMb: number }} options
 * @returns {Promise<import('./report.js').MemoryRow>}
 */
export async function measureMemory(server, requests, options) {
  const rssBeforeMb = server.rssMb()
  let clockAdvances = 0
  const ticker = setInterval(() => {
    callJson(server.url, '/_standin/clock', { body: { advance: ADVANCE_SECONDS } }).then(
      () => clockAdvances++,
      () => undefined,
    )
  }, ADVANCE_EVERY_MS)
  /** @type {Record<string, number>} */
  const statuses = {}
  let done = 0
  try {
    const each = Math.ceil(options.total / Math.max(requests.length, 1))
    for (const request of requests) {
      const load = await runLoad(server.url, request, {
        connections: options.connections,
        seconds: options.maxSeconds / requests.length,
        amount: each,
      })
      done += load.total
      for (const [code, n] of Object.entries(load.statuses))
        statuses[code] = (statuses[code] ?? 0) + n
    }
  } finally {
    clearInterval(ticker)
  }
  return {
    requests: done,
    rssBeforeMb,
    rssAfterMb: server.rssMb(),
    clockAdvances,
    statuses,
    targetMb: options.targetMb,
  }
}
