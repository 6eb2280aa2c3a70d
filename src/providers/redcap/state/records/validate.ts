/**
 * Value checks REDCap applies on import (Records::saveData / DataImport): text validation types,
 * categories of radio, dropdown, yes/no, true/false and form-status fields, checkbox 0/1, slider
 * range. Each failure becomes one `"record","field","value","message"` line.
 */
import type { Field } from '../model.js'
import { choicesOf } from '../project-shape.js'

export const MSG_NOT_VALIDATED =
  'The value you provided could not be validated because it does not follow the expected format. Please try again.'

const DATE = String.raw`\d{4}-\d{2}-\d{2}`
const TIME = String.raw`([01]\d|2[0-3]):[0-5]\d`

const PATTERNS: Readonly<Record<string, RegExp>> = {
  integer: /^[-+]?\d+$/,
  number: /^[-+]?(\d+(\.\d+)?|\.\d+)$/,
  date_ymd: new RegExp(`^${DATE}$`),
  date_mdy: new RegExp(`^${DATE}$`),
  date_dmy: new RegExp(`^${DATE}$`),
  datetime_ymd: new RegExp(`^${DATE} ${TIME}$`),
  datetime_mdy: new RegExp(`^${DATE} ${TIME}$`),
  datetime_dmy: new RegExp(`^${DATE} ${TIME}$`),
  datetime_seconds_ymd: new RegExp(`^${DATE} ${TIME}:[0-5]\\d$`),
  datetime_seconds_mdy: new RegExp(`^${DATE} ${TIME}:[0-5]\\d$`),
  datetime_seconds_dmy: new RegExp(`^${DATE} ${TIME}:[0-5]\\d$`),
  time: new RegExp(`^${TIME}$`),
  time_mm_ss: /^[0-5]\d:[0-5]\d$/,
  email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  phone: /^\(?\d{3}\)?[-. ]?\d{3}[-. ]?\d{4}$/,
  zipcode: /^\d{5}(-\d{4})?$/,
  alpha_only: /^[A-Za-z]+$/,
}

function matchesValidation(validation: string, value: string): boolean {
  const dp = /^number_(\d)dp$/.exec(validation)
  if (dp) return new RegExp(`^[-+]?\\d+\\.\\d{${dp[1] ?? '1'}}$`).test(value)
  const pattern = PATTERNS[validation]
  if (!pattern) return true
  if (!pattern.test(value)) return false
  if (validation.startsWith('date')) return isRealDate(value.slice(0, 10))
  return true
}

function isRealDate(ymd: string): boolean {
  const [y, m, d] = ymd.split('-').map(Number)
  if (y === undefined || m === undefined || d === undefined) return false
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

/** The message for a bad value, or null when the value is acceptable for the field. */
export function valueProblem(field: Field, value: string): string | null {
  if (value === '') return null
  const choices = choicesOf(field)
  if (['radio', 'dropdown', 'yesno', 'truefalse'].includes(field.type)) {
    return choices.some(([code]) => code === value)
      ? null
      : `The value is not a valid category for ${field.name}`
  }
  if (field.type === 'slider') {
    return /^\d+$/.test(value) && Number(value) <= 100 ? null : MSG_NOT_VALIDATED
  }
  if (field.type === 'text' && field.validation !== '') {
    return matchesValidation(field.validation, value) ? null : MSG_NOT_VALIDATED
  }
  return null
}

export function checkboxProblem(value: string): string | null {
  return value === '' || value === '0' || value === '1'
    ? null
    : "The value for a checkbox must be '0' or '1'."
}

export function completeProblem(form: string, value: string): string | null {
  return value === '' || ['0', '1', '2'].includes(value)
    ? null
    : `The value is not a valid category for ${form}_complete`
}

/** `MM/DD/YYYY` or `DD/MM/YYYY` (dateFormat MDY/DMY) → `YYYY-MM-DD`, keeping any time part. */
export function normalizeDate(value: string, dateFormat: string): string {
  const match = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})(.*)$/.exec(value)
  if (!match || (dateFormat !== 'MDY' && dateFormat !== 'DMY')) return value
  const [, a = '', b = '', year = '', rest = ''] = match
  const [month, day] = dateFormat === 'MDY' ? [a, b] : [b, a]
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}${rest}`
}
