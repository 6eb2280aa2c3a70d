// @ts-check
/**
 * Imports that must stay linear in their rows: REDCap record import, metadata (data dictionary)
 * import and ODM project creation, each timed with 4,000 rows (twice) and 40,000 rows (once), in
 * the order small, large, small, on a standin of its own that is reset before every import. The
 * ratio is the large time over the small one (10x the rows; linear work gives about 10x). A large
 * import that has not answered within its time limit stops the case: its standin is killed and
 * the row says the ratio is above what the limit gives.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BENCH, FORM } from '../cases.js'
import { callJson, loadBenchScenario, startStandin } from '../lib/standin.js'
import { formatRate, median } from '../lib/stats.js'
import { failedRow } from './row.js'

export const SMALL_ROWS = 4_000
export const LARGE_ROWS = 40_000
const TARGET = 12
/** The super token the bench scenario gives its user, for project creation. */
export const SUPER_TOKEN = 'BE0C'.repeat(16)

/**
 * `rows` records of the bench project: the record ID, first and last name.
 * @param {number} rows
 */
export function benchRecords(rows) {
  return Array.from({ length: rows }, (_, i) => ({
    record_id: String(5001 + i),
    first_name: 'Bench',
    last_name: `Row ${String(i + 1)}`,
  }))
}

/**
 * @typedef {{ name: string, body: (rows: number, ctx: { url: string }) => Promise<Record<string, string>> }} ImportKind
 */

/** @type {ImportKind[]} */
const KINDS = [
  {
    name: 'REDCap record import',
    body: async (rows) => ({
      token: BENCH.redcap.token,
      content: 'record',
      action: 'import',
      format: 'json',
      data: JSON.stringify(benchRecords(rows)),
    }),
  },
  {
    name: 'REDCap metadata import',
    body: async (rows) => ({
      token: BENCH.redcap.token,
      content: 'metadata',
      format: 'json',
      data: JSON.stringify(
        Array.from({ length: rows }, (_, i) => ({
          field_name: i === 0 ? 'record_id' : `bench_${String(i)}`,
          form_name: `form_${String(Math.floor(i / 100))}`,
          field_type: 'text',
          field_label: i === 0 ? 'Record ID' : `Bench field ${String(i)}`,
        })),
      ),
    }),
  },
  {
    name: 'REDCap ODM project creation',
    async body(rows, ctx) {
      return {
        token: SUPER_TOKEN,
        content: 'project',
        format: 'json',
        data: JSON.stringify([{ project_title: 'Bench ODM', purpose: '0' }]),
        odm: await odmWithRecords(ctx.url, rows),
      }
    },
  },
]

/**
 * The bench project's own project XML with its clinical data replaced by `rows` records, each the
 * record ID, first and last name as the record import case sends them, in the form and item group
 * the export gives its first record.
 * @param {string} url
 * @param {number} rows
 */
async function odmWithRecords(url, rows) {
  const response = await fetch(`${url}/redcap/api/`, {
    method: 'POST',
    headers: FORM,
    body: new URLSearchParams({
      token: BENCH.redcap.token,
      content: 'project_xml',
      returnMetadataOnly: 'false',
    }),
  })
  const xml = await response.text()
  const form = /<FormData FormOID="([^"]+)"[^>]*>\s*<ItemGroupData ItemGroupOID="([^"]+)"/.exec(xml)
  const open = xml.indexOf('>', xml.indexOf('<ClinicalData')) + 1
  const close = xml.indexOf('</ClinicalData>')
  if (!form || open === 0 || close < 0) throw new Error('the project XML has no record to copy')
  const [, formOid, groupOid] = /** @type {[string, string, string]} */ (
    /** @type {unknown} */ (form)
  )
  const parts = []
  for (let i = 0; i < rows; i++) {
    const id = String(9001 + i)
    parts.push(
      `\t<SubjectData SubjectKey="${id}" redcap:RecordIdField="record_id">\n` +
        `\t\t<FormData FormOID="${formOid}" FormRepeatKey="1">\n` +
        `\t\t\t<ItemGroupData ItemGroupOID="${groupOid}" ItemGroupRepeatKey="1">\n` +
        `\t\t\t\t<ItemData ItemOID="record_id" Value="${id}"/>\n` +
        `\t\t\t\t<ItemData ItemOID="first_name" Value="Bench"/>\n` +
        `\t\t\t\t<ItemData ItemOID="last_name" Value="Row ${String(i + 1)}"/>\n` +
        `\t\t\t</ItemGroupData>\n\t\t</FormData>\n\t</SubjectData>\n`,
    )
  }
  return `${xml.slice(0, open)}\n${parts.join('')}${xml.slice(close)}`
}

/**
 * @param {{ limitSeconds: number, small?: number, large?: number }} options
 * @returns {Promise<import('./row.js').FlatRow[]>}
 */
export async function measureImports(options) {
  const small = options.small ?? SMALL_ROWS
  const large = options.large ?? LARGE_ROWS
  const rows = []
  for (const kind of KINDS) {
    const name = `${kind.name}, ${formatRate(large)} rows vs ${formatRate(small)}`
    try {
      rows.push({ name, ...(await measureKind(kind, small, large, options.limitSeconds)) })
    } catch (error) {
      rows.push(failedRow(name, error))
    }
  }
  return rows
}

/**
 * @param {ImportKind} kind
 * @param {number} small
 * @param {number} large
 * @param {number} limitSeconds
 * @returns {Promise<Omit<import('./row.js').FlatRow, 'name'>>}
 */
async function measureKind(kind, small, large, limitSeconds) {
  const config = join(mkdtempSync(join(tmpdir(), 'standin-bench-import-')), 'standin.config.json')
  writeFileSync(config, JSON.stringify({ bodyLimitBytes: 256 * 1024 * 1024 }))
  const server = await startStandin(['--config', config])
  try {
    await loadBenchScenario(server.url)
    /** @type {number[]} */
    const smallSeconds = []
    /** @type {number | undefined} */
    let largeSeconds
    for (const rows of [small, large, small]) {
      await callJson(server.url, '/_standin/reset', { body: {} })
      const form = new URLSearchParams(await kind.body(rows, server))
      const seconds = await timed(server.url, form, rows === large ? limitSeconds : 600)
      if (seconds === undefined) {
        const least = limitSeconds / median(smallSeconds)
        return {
          outcome: 'measured',
          measured: `over ${String(limitSeconds)} s (stopped)`,
          base: `${median(smallSeconds).toFixed(2)} s`,
          ratio: least,
          target: TARGET,
          bound: 'at most',
          note: `the ${formatRate(large)}-row import did not answer within ${String(limitSeconds)} s; the ratio is at least this`,
        }
      }
      if (rows === large) largeSeconds = seconds
      else smallSeconds.push(seconds)
    }
    const base = median(smallSeconds)
    return {
      outcome: 'measured',
      measured: `${(largeSeconds ?? Number.NaN).toFixed(2)} s`,
      base: `${base.toFixed(2)} s`,
      ratio: (largeSeconds ?? Number.NaN) / base,
      target: TARGET,
      bound: 'at most',
    }
  } catch (error) {
    const exited = server.rssMb() === undefined ? ' (standin exited)' : ''
    const said = server.stderr().trim().split('\n').slice(-1)[0] ?? ''
    throw new Error(`${firstLine(error)}${exited}${said ? `: ${said}` : ''}`, { cause: error })
  } finally {
    await server.stop('SIGKILL')
  }
}

/** @param {unknown} error */
function firstLine(error) {
  const message = error instanceof Error ? error.message : String(error)
  return message.split('\n')[0] ?? message
}

/**
 * Seconds one API call takes to answer 200, or undefined past the limit.
 * @param {string} url
 * @param {URLSearchParams} form
 * @param {number} limitSeconds
 */
async function timed(url, form, limitSeconds) {
  const started = performance.now()
  try {
    const response = await fetch(`${url}/redcap/api/`, {
      method: 'POST',
      headers: FORM,
      body: form,
      signal: AbortSignal.timeout(limitSeconds * 1000),
    })
    const text = await response.text()
    if (response.status !== 200)
      throw new Error(`answered ${String(response.status)}: ${text.slice(0, 160)}`)
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') return undefined
    throw error
  }
  return (performance.now() - started) / 1000
}
