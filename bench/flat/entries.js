// @ts-check
/**
 * An Epicollect5 entries page of 50 from a project of 100,000 entries against one of 1,000: two
 * standins, each started in a folder whose `fixtures/epicollect/projects/ec5-river-watch/` holds
 * generated `entries.json` (the shipped first-form rows repeated with new uuids) and no branch
 * entries, so the user fixture root overrides the shipped tables and keeps the shipped project.
 * Measured in turns on the same page request.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { BENCH } from '../cases.js'
import { callJson, loadBenchScenario, startStandin } from '../lib/standin.js'
import { formatRate } from '../lib/stats.js'
import { warmedTurns } from '../lib/turns.js'
import { failedRow, rateRow } from './row.js'

const PROJECT = 'epicollect/projects/ec5-river-watch'
const SHIPPED = fileURLToPath(new URL(`../../fixtures/${PROJECT}/entries.json`, import.meta.url))
const TARGET = 0.8

/**
 * A folder to start standin in, whose fixtures give the project `count` first-form entries.
 * @param {number} count
 */
function fixtureFolder(count) {
  /** @type {{ form_ref: string, columns: string[], rows: unknown[][] }[]} */
  const tables = JSON.parse(readFileSync(SHIPPED, 'utf8'))
  const [first, ...rest] = tables
  if (!first) throw new Error('the shipped entries have no first form')
  const uuidAt = first.columns.indexOf('uuid')
  const rows = Array.from({ length: count }, (_, i) => {
    const row = [...(first.rows[i % first.rows.length] ?? [])]
    row[uuidAt] = `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`
    return row
  })
  const cwd = mkdtempSync(join(tmpdir(), 'standin-bench-entries-'))
  const dir = join(cwd, 'fixtures', PROJECT)
  mkdirSync(dir, { recursive: true })
  const out = [{ ...first, rows }, ...rest.map((t) => ({ ...t, rows: [] }))]
  writeFileSync(join(dir, 'entries.json'), JSON.stringify(out))
  writeFileSync(join(dir, 'branch-entries.json'), '[]')
  return cwd
}

/**
 * @param {string} url
 * @returns {Promise<import('../lib/load.js').LoadRequest>}
 */
async function pageRequest(url) {
  const { slug, clientId, secret, perPage } = BENCH.epicollect
  const token = await callJson(url, '/epicollect/api/oauth/token', {
    body: { grant_type: 'client_credentials', client_id: clientId, client_secret: secret },
  })
  return {
    path: `/epicollect/api/export/entries/${slug}?per_page=${String(perPage)}`,
    headers: { authorization: `Bearer ${String(token.access_token)}` },
  }
}

/**
 * @param {{ rounds: number, slice: import('../lib/load.js').LoadOptions, warmup: import('../lib/load.js').LoadOptions, small?: number, large?: number }} options
 * @returns {Promise<import('./row.js').FlatRow>}
 */
export async function measureEntries(options) {
  const smallCount = options.small ?? 1_000
  const largeCount = options.large ?? 100_000
  const name = `Epicollect5 entries page (50), ${formatRate(largeCount)} entries vs ${formatRate(smallCount)}`
  const small = await startStandin([], { cwd: fixtureFolder(smallCount) })
  const large = await startStandin([], { cwd: fixtureFolder(largeCount) })
  try {
    await loadBenchScenario(small.url)
    await loadBenchScenario(large.url)
    const a = await pageRequest(large.url)
    const b = await pageRequest(small.url)
    const turns = await warmedTurns(
      { server: large, request: a },
      { server: small, request: b },
      options,
    )
    return rateRow(name, turns, TARGET)
  } catch (error) {
    return failedRow(name, error)
  } finally {
    await Promise.all([small.stop(), large.stop()])
  }
}
