// @ts-check
/**
 * RSS after a long run: a fixed number of requests spread over every case that ran against the
 * shared standin, in chunks. Before each chunk its case obtains its request anew (a new Redox
 * token or API key, a new Epicollect5 token...), and after each the virtual clock jumps past the
 * longest access token lifetime but Epicollect5's, so credentials are issued and expire throughout
 * (and the registry must purge them) while the answers stay the ones the cases measure.
 */
import { runLoad } from './load.js'
import { callJson } from './standin.js'

/** Past Redox's 5 minutes; Epicollect5's 2 hours pass every 24 jumps. */
const ADVANCE_SECONDS = 301

/**
 * @param {import('./spawn.js').Server} server
 * @param {readonly (() => Promise<import('./load.js').LoadRequest>)[]} cases  each gives a fresh request
 * @param {{ total: number, connections: number, maxSeconds: number, targetMb: number, chunks: number }} options
 * @returns {Promise<import('./report.js').MemoryRow>}
 */
export async function measureMemory(server, cases, options) {
  const rssBeforeMb = server.rssMb()
  let clockAdvances = 0
  /** @type {Record<string, number>} */
  const statuses = {}
  let done = 0
  const chunks = Math.max(options.chunks, cases.length)
  const each = Math.ceil(options.total / chunks)
  const deadline = performance.now() + options.maxSeconds * 1000
  for (let i = 0; i < chunks && performance.now() < deadline; i++) {
    const prepare = cases[i % cases.length]
    if (!prepare) break
    const request = await prepare()
    const left = (deadline - performance.now()) / 1000
    const load = await runLoad(server.url, request, {
      connections: options.connections,
      seconds: Math.max(1, left),
      amount: each,
    })
    done += load.total
    for (const [code, n] of Object.entries(load.statuses))
      statuses[code] = (statuses[code] ?? 0) + n
    await callJson(server.url, '/_standin/clock', { body: { advance: ADVANCE_SECONDS } })
    clockAdvances++
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
