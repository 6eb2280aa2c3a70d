/**
 * CSV lines exactly as PHP's `fputcsv` writes them (the entries export's CSV): comma separator,
 * `"` enclosure, `\` as the escape character, `\n` line ends. A field is enclosed when it holds the
 * separator, a quote, a backslash, a newline, a carriage return, a tab or a space; inside it a quote
 * is doubled unless a backslash precedes it.
 *
 * @see https://github.com/php/php-src/blob/PHP-8.3/ext/standard/file.c (php_fputcsv)
 */

const NEEDS_ENCLOSURE = /[,"\\\n\r\t ]/

function field(value: string): string {
  if (!NEEDS_ENCLOSURE.test(value)) return value
  let out = '"'
  let escaped = false
  for (const ch of value) {
    if (ch === '\\') escaped = true
    else if (!escaped && ch === '"') out += '"'
    else escaped = false
    out += ch
  }
  return `${out}"`
}

export function csvLine(fields: readonly string[]): string {
  return `${fields.map(field).join(',')}\n`
}
