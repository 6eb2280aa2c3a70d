/**
 * JSON as PHP's `json_encode` writes it with default flags: compact, `/` escaped as `\/` and every
 * non-ASCII UTF-16 unit as `\uXXXX`. Parsers do not care; raw-text comparisons do.
 */
export function phpJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\//g, '\\/')
    .replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
