// @ts-check
/**
 * Two load runs measured in turns: A, B, A, B... in equal slices, so a machine that gets busier or
 * quieter during the run shifts both alike. The ratio is the median of the per-turn ratios.
 */
import { runLoad, runMetered } from './load.js'
import { median } from './stats.js'

/**
 * @typedef {import('./load.js').LoadRequest} LoadRequest
 * @typedef {import('./load.js').LoadOptions} LoadOptions
 * @typedef {import('./load.js').LoadResult} LoadResult
 * @typedef {import('./load.js').MeteredResult} MeteredResult
 * @typedef {{ server: { url: string, cpuMs: () => number | undefined }, request: LoadRequest }} Subject
 *
 * @typedef {object} TurnsResult
 * @property {LoadResult} load        the measured subject's runs, combined
 * @property {LoadResult} base        the reference's runs, combined
 * @property {number} ratio           median of measured req/s over reference req/s
 * @property {number | undefined} cpuRps     measured requests per CPU-second (median)
 * @property {number | undefined} baseCpuRps
 * @property {number | undefined} cpuRatio
 * @property {import('./report.js').CpuPerRequest} split  CPU per request, user and system (medians)
 */

/**
 * @param {Subject} measured
 * @param {Subject} base
 * @param {{ rounds: number, slice: LoadOptions }} options
 * @returns {Promise<TurnsResult>}
 */
export async function inTurns(measured, base, options) {
  /** @type {MeteredResult[]} */
  const mine = []
  /** @type {MeteredResult[]} */
  const theirs = []
  /** @type {number[]} */
  const ratios = []
  /** @type {number[]} */
  const cpuRatios = []
  for (let round = 0; round < options.rounds; round++) {
    const b = await runMetered(base.server, base.request, options.slice)
    const a = await runMetered(measured.server, measured.request, options.slice)
    mine.push(a)
    theirs.push(b)
    ratios.push(a.rps / b.rps)
    if (a.cpuRps !== undefined && b.cpuRps !== undefined) cpuRatios.push(a.cpuRps / b.cpuRps)
  }
  return {
    load: combine(mine),
    base: combine(theirs),
    ratio: median(ratios),
    cpuRps: medianOf(mine.map((l) => l.cpuRps)),
    baseCpuRps: medianOf(theirs.map((l) => l.cpuRps)),
    cpuRatio: cpuRatios.length > 0 ? median(cpuRatios) : undefined,
    split: {
      userUs: medianOf(mine.map((l) => l.userUs)),
      systemUs: medianOf(mine.map((l) => l.systemUs)),
      floorUserUs: medianOf(theirs.map((l) => l.userUs)),
      floorSystemUs: medianOf(theirs.map((l) => l.systemUs)),
    },
  }
}

/**
 * `inTurns` after one probe of each (it must answer `expect`; a first request that loads data
 * then finishes before the load starts) and a warm-up of each, the measured one first.
 * @param {Subject} measured
 * @param {Subject} base
 * @param {{ rounds: number, slice: LoadOptions, warmup: LoadOptions, expect?: number }} options
 */
export async function warmedTurns(measured, base, options) {
  for (const { server, request } of [measured, base]) {
    const answer = await fetch(new URL(request.path, server.url), {
      method: request.method ?? 'GET',
      headers: request.headers ?? {},
      ...(request.body === undefined ? {} : { body: request.body }),
    })
    const text = await answer.text()
    if (answer.status !== (options.expect ?? 200))
      throw new Error(`probe answered ${String(answer.status)}: ${text.slice(0, 120)}`)
  }
  await runLoad(measured.server.url, measured.request, options.warmup)
  await runLoad(base.server.url, base.request, options.warmup)
  return inTurns(measured, base, options)
}

/** @param {(number | undefined)[]} values */
function medianOf(values) {
  const known = values.filter((v) => v !== undefined)
  return known.length > 0 ? median(known) : undefined
}

/**
 * One result from several slices: median rate and latencies, summed counts.
 * @param {LoadResult[]} loads
 * @returns {LoadResult}
 */
export function combine(loads) {
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

/**
 * Answers with another status than `expect`, and connection errors, as `503×2 errors×1`.
 * @param {LoadResult} load
 * @param {number} expect
 */
export function unexpectedOf(load, expect) {
  const out = Object.entries(load.statuses)
    .filter(([code]) => code !== String(expect))
    .map(([code, n]) => `${code}×${String(n)}`)
  if (load.errors > 0) out.push(`errors×${String(load.errors)}`)
  return out.length > 0 ? out.join(' ') : undefined
}
