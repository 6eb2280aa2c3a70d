// @ts-check
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
 * A row for a case that could not run, with the first line of why.
 * @param {string} name
 * @param {unknown} error
 * @returns {FlatRow}
 */
export function failedRow(name, error) {
  const message = error instanceof Error ? error.message : String(error)
  return { name, outcome: 'failed', reason: message.split('\n')[0] ?? message }
}
