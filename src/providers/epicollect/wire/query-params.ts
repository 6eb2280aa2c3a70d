/**
 * Query strings as PHP hands them to Epicollect5's controllers: the last value of a repeated key
 * wins and `key[]=...` makes an array. The external API routes run no TrimStrings or
 * ConvertEmptyStringsToNull middleware (app/Http/Kernel.php), so values arrive as sent.
 * Also the Laravel validation rules the exports use.
 *
 * @see https://laravel.com/docs/12.x/validation#available-validation-rules
 */
import { parseUtcDateTime } from './dates.js'
import { isPhpNumeric } from './php-json.js'
import type { Ec5Code, Ec5Problem } from '../errors.js'

export type QueryValue = string | readonly string[]

/** Fields as PHP collects them: the last of a repeated name wins, `name[...]` builds a list. */
export function collectFields<T>(entries: Iterable<[string, T]>): Map<string, T | T[]> {
  const out = new Map<string, T | T[]>()
  for (const [name, value] of entries) {
    const bracket = name.indexOf('[')
    if (bracket > 0) {
      const key = name.slice(0, bracket)
      const previous = out.get(key)
      out.set(key, [...(Array.isArray(previous) ? previous : []), value])
    } else {
      out.set(name, value)
    }
  }
  return out
}

export function parseQuery(search: string): Map<string, QueryValue> {
  return collectFields(new URLSearchParams(search))
}

/** PHP truthiness (and `empty()` negated) of a request value: missing, '' and '0' are false. */
export function phpTruthy(value: QueryValue | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0'
}

/** PHP `filter_var($v, FILTER_VALIDATE_INT)`: no leading zeros, no fraction. */
export function isPhpInt(value: string): boolean {
  return /^[+-]?(0|[1-9]\d*)$/.test(value.trim()) && Number.isSafeInteger(Number(value))
}

/** One Laravel rule and the ec5 code ValidationBase gives its failure. */
export type Rule =
  | { readonly kind: 'integer' }
  | { readonly kind: 'numeric' }
  | { readonly kind: 'string' }
  | { readonly kind: 'date' }
  | { readonly kind: 'min'; readonly min: number }
  | { readonly kind: 'in'; readonly values: readonly string[] }
  | { readonly kind: 'required' }

const RULE_CODES: Record<Rule['kind'], Ec5Code> = {
  integer: 'ec5_27',
  numeric: 'ec5_27',
  string: 'ec5_87',
  date: 'ec5_79',
  min: 'ec5_43',
  in: 'ec5_29',
  required: 'ec5_21',
}

function passes(rule: Rule, value: QueryValue | number, rules: readonly Rule[]): boolean {
  if (typeof value === 'number') return rule.kind !== 'string' && rule.kind !== 'date'
  if (Array.isArray(value)) return rule.kind === 'required' && value.length > 0
  const text = value as string
  switch (rule.kind) {
    case 'required':
      return text.trim() !== ''
    case 'integer':
      return isPhpInt(text)
    case 'numeric':
      return isPhpNumeric(text)
    case 'string':
      return true
    case 'date':
      return parseUtcDateTime(text) !== undefined
    case 'in':
      return rule.values.includes(text)
    case 'min': {
      // Laravel's size is the number for numeric rules, else the string length.
      const numeric = rules.some((r) => r.kind === 'numeric' || r.kind === 'integer')
      const size = numeric && isPhpNumeric(text) ? Number(text) : Array.from(text).length
      return size >= rule.min
    }
  }
}

/**
 * Every failing rule, attribute by attribute in rule order. Like Laravel, a missing, empty or
 * blank value is only checked by `required`.
 */
export function validate(
  values: ReadonlyMap<string, QueryValue | number>,
  rules: ReadonlyArray<readonly [string, readonly Rule[]]>,
): Ec5Problem[] {
  const problems: Ec5Problem[] = []
  for (const [attribute, list] of rules) {
    const value = values.get(attribute) ?? ''
    for (const rule of list) {
      const blank = typeof value === 'string' && value.trim() === ''
      if (blank && rule.kind !== 'required') continue
      if (!passes(rule, value, list))
        problems.push({ code: RULE_CODES[rule.kind], source: attribute })
    }
  }
  return problems
}
