/**
 * JSON as PHP's `json_encode` writes it with default flags: compact, `/` escaped as `\/` and every
 * non-ASCII UTF-16 unit as `\uXXXX`. Parsers do not care; raw-text comparisons do.
 */
const PHP_ESCAPED = /[/\u0080-\uffff]/g
const NEEDS_ESCAPES = /[/\u0080-\uffff]/

function phpEscape(ch: string): string {
  return ch === '/' ? '\\/' : `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`
}

export function phpJson(value: unknown): string {
  const json = JSON.stringify(value)
  return NEEDS_ESCAPES.test(json) ? json.replace(PHP_ESCAPED, phpEscape) : json
}

/** Printable ASCII but `"`, `\` and `/`: a string JSON and PHP both write as it is, in quotes. */
// eslint-disable-next-line no-control-regex -- control characters are what JSON escapes
const PLAIN = /^[^\u0000-\u001f"\\/\u0080-\uffff]*$/

/** `phpJson` of one string or number, with no work for the common plain string. */
export function phpJsonScalar(value: string | number): string {
  return typeof value === 'string' && PLAIN.test(value) ? `"${value}"` : phpJson(value)
}
