// @ts-check
/**
 * `GET /_standin/snapshot` must stay linear in the records it writes inline: the bench project with
 * 4,000 imported records and with 40,000, each snapshot taken three times (median), as JSON and as
 * YAML, on a standin of its own that is reset before each size. The ratio is the large time over the
 * small one (10x the records; linear work gives about 10x). Every snapshot holds the event loop for
 * its whole time, so the large time is also how long other requests wait (docs/snapshot.md).
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BENCH, FORM } from '../cases.js'
import { callJson, loadBenchScenario, startStandin } from '../lib/standin.js'
import { formatRate, median } from '../lib/stats.js'
import { benchRecords } from './imports.js'
import { failedRow } from './row.js'

const TARGET = 12

/**
 * @param {{ small?: number, large?: number }} options
 * @returns {Promise<import('./row.js').FlatRow[]>}
 */
export async function measureSnapshots(options = {}) {
  const small = options.small ?? 4_000
  const large = options.large ?? 40_000
  const names = ['json', 'yaml'].map(
    (format) =>
      `Snapshot as ${format.toUpperCase()}, ${formatRate(large)} records vs ${formatRate(small)}`,
  )
  const config = join(mkdtempSync(join(tmpdir(), 'standin-bench-snap-')), 'standin.config.json')
  writeFileSync(config, JSON.stringify({ bodyLimitBytes: 256 * 1024 * 1024 }))
  const server = await startStandin(['--config', config])
  try {
    await loadBenchScenario(server.url)
    /** @type {Record<string, number>} */
    const seconds = {}
    for (const records of [small, large]) {
      await callJson(server.url, '/_standin/reset', { body: {} })
      await importRecords(server.url, records)
      for (const format of ['json', 'yaml']) {
        const times = []
        for (let turn = 0; turn < 3; turn++) times.push(await timedSnapshot(server.url, format))
        seconds[`${format}${String(records)}`] = median(times)
      }
    }
    return ['json', 'yaml'].map((format, i) => {
      const base = seconds[`${format}${String(small)}`] ?? Number.NaN
      const big = seconds[`${format}${String(large)}`] ?? Number.NaN
      return {
        name: names[i] ?? format,
        outcome: 'measured',
        measured: `${big.toFixed(2)} s`,
        base: `${base.toFixed(2)} s`,
        ratio: big / base,
        target: TARGET,
        bound: 'at most',
      }
    })
  } catch (error) {
    return names.map((name) => failedRow(name, error))
  } finally {
    await server.stop('SIGKILL')
  }
}

/**
 * @param {string} url
 * @param {number} records
 */
async function importRecords(url, records) {
  const response = await fetch(`${url}/redcap/api/`, {
    method: 'POST',
    headers: FORM,
    body: new URLSearchParams({
      token: BENCH.redcap.token,
      content: 'record',
      format: 'json',
      data: JSON.stringify(benchRecords(records)),
    }),
  })
  if (response.status !== 200) throw new Error(`the import answered ${String(response.status)}`)
  await response.text()
}

/**
 * @param {string} url
 * @param {string} format
 */
async function timedSnapshot(url, format) {
  const started = performance.now()
  const response = await fetch(`${url}/_standin/snapshot?format=${format}`)
  const text = await response.text()
  if (response.status !== 200 || text.length === 0)
    throw new Error(`the snapshot answered ${String(response.status)}`)
  return (performance.now() - started) / 1000
}
