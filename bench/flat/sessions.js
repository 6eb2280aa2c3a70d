// @ts-check
/**
 * 1,000 isolated sessions: the memory each idle one holds (RSS after creating them, over the
 * count), and the request rate when the load is spread over all of them against the same load on
 * one session, measured in turns on the same standin. The request is a REDCap API call inside the
 * session (`content=version` with the bench token), so every session's own app answers it.
 */
import { BENCH, redcapApi } from '../cases.js'
import { fileURLToPath } from 'node:url'
import { callJson, loadBenchScenario, startStandin } from '../lib/standin.js'
import { formatRate } from '../lib/stats.js'

/** Raises `maxSessions` above the count measured. */
const CONFIG = fileURLToPath(new URL('../scenarios/sessions.config.yaml', import.meta.url))
import { warmedTurns } from '../lib/turns.js'
import { failedRow, rateRow } from './row.js'

const TARGET = 0.8

/**
 * @param {{ rounds: number, slice: import('../lib/load.js').LoadOptions, warmup: import('../lib/load.js').LoadOptions, count?: number }} options
 * @returns {Promise<import('./row.js').FlatRow>}
 */
export async function measureSessions(options) {
  const count = options.count ?? 1_000
  const name = `${formatRate(count)} isolated sessions vs one (REDCap API in a session)`
  const server = await startStandin(['--config', CONFIG])
  try {
    await loadBenchScenario(server.url)
    await callJson(server.url, '/_standin/sessions', { body: {} })
    const rssBefore = server.rssMb() ?? Number.NaN
    /** @type {string[]} */
    const prefixes = []
    for (let i = 0; i < count; i++) {
      const session = await callJson(server.url, '/_standin/sessions', { body: {} })
      prefixes.push(new URL(String(session.baseUrl)).pathname)
    }
    const rssAfter = server.rssMb() ?? Number.NaN
    const call = redcapApi({ token: BENCH.redcap.token, content: 'version' })
    const [first, ...rest] = prefixes.map((prefix) => `${prefix}/redcap/api/`)
    if (first === undefined) throw new Error('no session was created')
    const spread = { ...call, path: first, paths: rest }
    const one = { ...call, path: first }
    const turns = await warmedTurns({ server, request: spread }, { server, request: one }, options)
    const perSessionKb = ((rssAfter - rssBefore) * 1024) / count
    return rateRow(name, turns, TARGET, [
      `${formatRate(perSessionKb)} KB of RSS per idle session (${rssBefore.toFixed(0)} → ${rssAfter.toFixed(0)} MB for ${formatRate(count)})`,
    ])
  } catch (error) {
    return failedRow(name, error)
  } finally {
    await server.stop()
  }
}
