// @ts-check
/**
 * Runs one case of bench/cases.js: skip when its provider is absent, obtain its credentials, probe
 * once (the answer must have the expected status, or the case fails with what it got), warm up,
 * measure, and compare with its floor.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runLoad } from './load.js'
import { callJson, loadBenchScenario, startStandin } from './standin.js'

/**
 * @typedef {import('../cases.js').BenchCase} BenchCase
 * @typedef {import('./load.js').LoadRequest} LoadRequest
 * @typedef {import('./load.js').LoadOptions} LoadOptions
 * @typedef {import('./report.js').CaseRow} CaseRow
 * @typedef {import('./floors.js').Floors} Floors
 *
 * @typedef {object} CaseEnv
 * @property {string} url          the shared standin
 * @property {Set<string>} providers  registered providers
 * @property {Floors} floors
 * @property {string} upstream     the bare node:http server, for proxy cases
 * @property {LoadOptions} warmup
 * @property {LoadOptions} measure
 */

/**
 * @param {BenchCase} c
 * @param {CaseEnv} env
 * @returns {Promise<CaseRow & { shared?: LoadRequest }>}
 */
export async function runCase(c, env) {
  const row = { name: c.name, floor: c.floor, target: c.target }
  if (c.provider !== undefined && !env.providers.has(c.provider)) {
    return { ...row, outcome: 'skipped', reason: `provider "${c.provider}" not registered` }
  }
  let own
  if (c.config) {
    const dir = mkdtempSync(join(tmpdir(), 'standin-bench-'))
    const file = join(dir, 'standin.config.json')
    writeFileSync(file, JSON.stringify(c.config(env.upstream)))
    try {
      own = await startStandin(['--config', file], { env: c.env ?? {} })
      await loadBenchScenario(own.url)
    } catch (error) {
      await own?.stop()
      const reason = firstLine(error)
      return { ...row, outcome: 'skipped', reason: `standin refused the case's config: ${reason}` }
    }
  }
  const url = own?.url ?? env.url
  try {
    let request
    try {
      request = await c.prepare({ url, call: (path, init) => callJson(url, path, init) })
    } catch (error) {
      return { ...row, outcome: 'failed', reason: `prepare: ${firstLine(error)}` }
    }
    const probe = await fetch(new URL(request.path, url), {
      method: request.method ?? 'GET',
      headers: request.headers ?? {},
      ...(request.body === undefined ? {} : { body: request.body }),
    })
    const text = await probe.text()
    if (probe.status !== c.expect) {
      return {
        ...row,
        outcome: 'failed',
        reason: `probe answered ${String(probe.status)}, not ${String(c.expect)}: ${text.slice(0, 120)}`,
      }
    }
    await runLoad(url, request, env.warmup)
    const load = await runLoad(url, request, env.measure)
    const unexpected = Object.entries(load.statuses)
      .filter(([code]) => code !== String(c.expect))
      .map(([code, n]) => `${code}×${String(n)}`)
    if (load.errors > 0) unexpected.push(`errors×${String(load.errors)}`)
    return {
      ...row,
      outcome: 'measured',
      load,
      ratio: load.rps / env.floors[c.floor].rps,
      ...(unexpected.length > 0 ? { unexpected: unexpected.join(' ') } : {}),
      ...(own ? {} : { shared: request }),
    }
  } finally {
    await own?.stop()
  }
}

/** @param {unknown} error */
function firstLine(error) {
  const message = error instanceof Error ? error.message : String(error)
  return message.split('\n')[0] ?? message
}
