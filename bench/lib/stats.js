// @ts-check
/** Small number helpers for the bench: medians and the formats the table prints. */

/** @param {readonly number[]} values */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  const upper = sorted[mid]
  if (upper === undefined) return Number.NaN
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? upper) + upper) / 2
}

/** @param {number} value */
export function round(value, digits = 0) {
  const f = 10 ** digits
  return Math.round(value * f) / f
}

/** Requests per second as `12,345`. @param {number} value */
export function formatRate(value) {
  return Math.round(value).toLocaleString('en-US')
}

/** @param {number | undefined} ratio */
export function formatRatio(ratio) {
  return ratio === undefined || !Number.isFinite(ratio) ? '' : `${ratio.toFixed(2)}x`
}
