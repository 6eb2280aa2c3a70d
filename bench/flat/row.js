// @ts-check
import { formatRate } from '../lib/stats.js'
import { unexpectedOf } from '../lib/turns.js'

/**
 * A flat-cost row: the same work measured with little and with much history (credentials, rows,
 * entries, sessions), and whether the ratio stays within its target.
 *
 * @typedef {object} FlatRow
 * @property {string} name
 * @property {'measured' | 'skipped' | 'failed'} outcome
 * @property {string} [reason]        why skipped or failed
 * @property {string} [measured]      the large side (or standin), as measured: "5,000 req/s", "3.2 s"
 * @property {string} [base]          what it is compared with: the small side, or the bare handler
 * @property {number} [ratio]         large over small (rates) or small-normalised time (imports)
 * @property {number} [cpuRatio]      the same by CPU time of the server process, when known
 * @property {number} [target]
 * @property {'at least' | 'at most'} [bound]  whether the ratio must be at least or at most target
 * @property {string} [note]          what else the reader needs (a timeout, memory per session)
 */

/**
 * Met or missed for a ratio and its bound.
 * @param {FlatRow} row
 * @param {number | undefined} [ratio]
 */
export function flatMet(row, ratio = row.ratio) {
  if (ratio === undefined || row.target === undefined) return undefined
  return row.bound === 'at most' ? ratio <= row.target : ratio >= row.target
}

/**
 * A row for two rates measured in turns (the large side over the small one, at least `target`),
 * with what else the reader needs and any answers of another status than 200.
 * @param {string} name
 * @param {import('../lib/turns.js').TurnsResult} turns
 * @param {number} target
 * @param {string[]} notes
 * @returns {FlatRow}
 */
export function rateRow(name, turns, target, notes = []) {
  const unexpected = unexpectedOf(turns.load, 200) ?? unexpectedOf(turns.base, 200)
  const note = [...notes, ...(unexpected ? [`unexpected answers: ${unexpected}`] : [])].join('; ')
  return {
    name,
    outcome: 'measured',
    measured: `${formatRate(turns.load.rps)} req/s`,
    base: `${formatRate(turns.base.rps)} req/s`,
    ratio: turns.ratio,
    ...(turns.cpuRatio === undefined ? {} : { cpuRatio: turns.cpuRatio }),
    target,
    bound: 'at least',
    ...(note ? { note } : {}),
  }
}

/**
 * A row for a case that could not run, with the first line of why.
 * @param {string} name
 * @param {unknown} error
 * @returns {FlatRow}
 */
export function failedRow(name, error) {
  const message = error instanceof Error ? error.message : String(error)
  return { name, outcome: 'failed', reason: message.split('\n')[0] ?? message }
}
