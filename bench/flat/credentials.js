// @ts-check
/**
 * Cost per request with 200,000 live credentials against 10: two standins on the bench scenario,
 * one filled through the Redox token endpoint (each call issues a 5-minute token), measured in
 * turns on each provider's token endpoint and on authenticated data routes. The small standin's
 * Redox token case issues tokens as it is measured, so it holds 10 live credentials only at the
 * start (its warm-up's tokens have expired by then), and is measured last; both standins grow
 * alike during their turns.
 */
import { BENCH, FORM, redcapApi, redoxToken, redoxTokenForm } from '../cases.js'
import { runLoad } from '../lib/load.js'
import { callJson, loadBenchScenario, startStandin } from '../lib/standin.js'
import { formatRate } from '../lib/stats.js'
import { warmedTurns } from '../lib/turns.js'
import { failedRow, rateRow } from './row.js'

export const LIVE_CREDENTIALS = 200_000
const TARGET = 0.8

/**
 * @typedef {import('../lib/load.js').LoadRequest} LoadRequest
 * @typedef {import('../lib/spawn.js').Server} Server
 * @typedef {{ name: string, expect: number, issues?: boolean, prepare: (url: string) => Promise<LoadRequest> }} Route
 *   `issues`: each request issues a credential (measured last, so it does not grow the small side first)
 */

/** @type {Route[]} */
const ROUTES = [
  {
    name: 'Epicollect5 token endpoint',
    expect: 200,
    prepare: async () => ({
      method: 'POST',
      path: '/epicollect/api/oauth/token',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: BENCH.epicollect.clientId,
        client_secret: BENCH.epicollect.secret,
      }),
    }),
  },
  {
    name: 'Redox FHIR read',
    expect: 200,
    async prepare(url) {
      const token = await redoxToken(context(url))
      return {
        path: `${BENCH.redox.fhirBase}/Patient/${BENCH.redox.patientId}`,
        headers: { authorization: `Bearer ${token}` },
      }
    },
  },
  {
    name: 'REDCap project info',
    expect: 200,
    prepare: async () =>
      redcapApi({ token: BENCH.redcap.token, content: 'project', format: 'json' }),
  },
  {
    name: 'Redox token endpoint',
    expect: 200,
    issues: true,
    async prepare(url) {
      const { body } = await redoxTokenForm(context(url))
      return { method: 'POST', path: '/redox/v2/auth/token', headers: FORM, body }
    },
  },
]

/** @param {string} url */
function context(url) {
  return {
    url,
    call: (/** @type {string} */ path, /** @type {any} */ init) => callJson(url, path, init),
  }
}

/**
 * @param {{ rounds: number, slice: import('../lib/load.js').LoadOptions, warmup: import('../lib/load.js').LoadOptions, live?: number, fillSeconds: number }} options
 * @returns {Promise<import('./row.js').FlatRow[]>}
 */
export async function measureCredentials(options) {
  const live = options.live ?? LIVE_CREDENTIALS
  const label = (/** @type {string} */ name) =>
    `${name}, ${formatRate(live)} live credentials vs 10`
  const small = await startStandin()
  const large = await startStandin()
  try {
    await loadBenchScenario(small.url)
    await loadBenchScenario(large.url)
    const tokenRoute = ROUTES.find((r) => r.issues)
    if (!tokenRoute) throw new Error('no Redox token route')
    const fill = await tokenRoute.prepare(large.url)
    const filled = await runLoad(large.url, fill, {
      connections: options.slice.connections,
      seconds: options.fillSeconds,
      amount: live,
    })
    const issued = filled.statuses['200'] ?? 0
    /** @type {import('./row.js').FlatRow[]} */
    const rows = []
    for (const route of ROUTES) {
      try {
        if (route.issues) {
          // The large standin is warm from the fill; the small one gets a few seconds of the same,
          // and its virtual clock then moves past those tokens' lifetime, so none of them is live.
          const warm = await route.prepare(small.url)
          await runLoad(small.url, warm, { connections: options.slice.connections, seconds: 5 })
          await callJson(small.url, '/_standin/clock', { body: { advance: 301 } })
        }
        const a = await route.prepare(large.url)
        const b = await route.prepare(small.url)
        const turns = await warmedTurns(
          { server: large, request: a },
          { server: small, request: b },
          options,
        )
        const short = `the fill issued ${formatRate(issued)} of ${formatRate(live)} in time`
        rows.push(rateRow(label(route.name), turns, TARGET, issued < live ? [short] : []))
      } catch (error) {
        rows.push(failedRow(label(route.name), error))
      }
    }
    return rows
  } finally {
    await Promise.all([small.stop(), large.stop()])
  }
}
