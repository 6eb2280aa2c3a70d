/**
 * JSON as PHP's `json_encode` writes it, which is what Epicollect5 clients receive: every non-ASCII
 * character as a `\uXXXX` escape, slashes escaped unless `JSON_UNESCAPED_SLASHES` (data bodies use
 * that flag, error bodies do not), and a float with no fraction written as `12.0`, not `12`.
 *
 * @see https://www.php.net/manual/en/function.json-encode.php
 */

/** Marks a number PHP holds as a float, so a whole value still prints with `.0`. */
export class PhpFloat {
  constructor(readonly value: number) {}

  toJSON(): number | string {
    // Only whole, moderately sized floats differ from JavaScript's output; the marker is replaced below.
    return Number.isInteger(this.value) && Math.abs(this.value) < 1e15
      ? `\u0000${String(this.value)}.0\u0000`
      : this.value
  }

  toString(): string {
    return phpFloatToString(this.value)
  }
}

const ESCAPES = /[\u0080-\uffff]|"\\u0000(-?\d+\.0)\\u0000"/g
const ESCAPES_AND_SLASHES = /[\u0080-\uffff]|"\\u0000(-?\d+\.0)\\u0000"|\//g
const NEEDS_ESCAPES = /[\u0080-\uffff]|\\u0000/

function escape(match: string, float: string | undefined): string {
  if (float !== undefined) return float
  if (match === '/') return '\\/'
  return `\\u${match.charCodeAt(0).toString(16).padStart(4, '0')}`
}

export function encodePhpJson(value: unknown, options: { escapeSlashes: boolean }): string {
  const json = JSON.stringify(value)
  if (options.escapeSlashes) return json.replace(ESCAPES_AND_SLASHES, escape)
  return NEEDS_ESCAPES.test(json) ? json.replace(ESCAPES, escape) : json
}

/**
 * A float as PHP turns it into a string (`precision` = 14 significant digits, no trailing `.0`),
 * which is how `fputcsv` writes decimals and coordinates.
 */
export function phpFloatToString(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NAN' : value > 0 ? 'INF' : '-INF'
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value)
  return String(Number(value.toPrecision(14)))
}

/** PHP `intval()` of an answer: a numeric string's value truncated, else its leading digits, else 0. */
export function phpIntval(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : 0
  if (typeof value === 'boolean') return value ? 1 : 0
  if (typeof value !== 'string') return 0
  const numeric = Number(value.trim())
  if (value.trim() !== '' && Number.isFinite(numeric)) return Math.trunc(numeric)
  const leading = /^\s*[+-]?\d+/.exec(value)
  return leading ? Number.parseInt(leading[0], 10) : 0
}

/** PHP `floatval()`: the longest leading numeric prefix, or 0. */
export function phpFloatval(value: unknown): number {
  if (typeof value === 'number') return value
  if (typeof value === 'boolean') return value ? 1 : 0
  if (typeof value !== 'string') return 0
  const parsed = Number.parseFloat(value)
  return Number.isNaN(parsed) ? 0 : parsed
}

/** PHP `is_numeric()`: optional surrounding whitespace, a sign, digits with a dot, an exponent. */
export function isPhpNumeric(value: string): boolean {
  return /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(value)
}
