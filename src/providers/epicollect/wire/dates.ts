/**
 * Date handling as Epicollect5's PHP does it, on a server whose time zone is UTC: parsing what
 * Laravel's `date` rule and `strtotime` accept for the filters and fixtures, and the few output
 * formats the API uses (`Y-m-d H:i:s`, ISO with `.000Z`, and the questions' `datetime_format`s).
 */

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/**
 * Milliseconds since the epoch for `YYYY-MM-DD`, optionally followed by `T` or a space, a time,
 * fractions and a zone (`Z`, `+01:00`); without a zone the time is UTC. Undefined when the text is
 * not such a date or names a day that does not exist (Laravel's `checkdate`).
 */
export function parseUtcDateTime(text: string): number | undefined {
  const m = DATE_TIME.exec(text.trim())
  if (!m) return undefined
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0))
  if (year === undefined || month === undefined || day === undefined) return undefined
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined
  if ((hour ?? 0) > 23 || (minute ?? 0) > 59 || (second ?? 0) > 59) return undefined
  const fraction = m[7] === undefined ? 0 : Number(`0.${m[7]}`)
  let ms = Date.UTC(year, month - 1, day, hour, minute, second) + Math.floor(fraction * 1000)
  const zone = m[8]
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    const digits = zone.replace(':', '')
    const offset = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || 0)
    ms -= (zone.startsWith('-') ? -offset : offset) * 60_000
  }
  return ms
}

const STORED = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z?$/

/**
 * A stored time (`2024-05-02T10:00:00.123Z`, `2024-05-02 10:05:11`) read fast with the native
 * parser; anything else goes through parseUtcDateTime. Fixtures hold thousands of these.
 */
export function parseStoredTime(text: string): number | undefined {
  if (STORED.test(text)) {
    const iso = `${text.slice(0, 10)}T${text.slice(11).replace(/Z$/, '')}Z`
    const ms = Date.parse(iso)
    if (!Number.isNaN(ms)) return ms
  }
  return parseUtcDateTime(text)
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** PHP `date($format, $ts)` for the tokens Epicollect5 uses: d m Y H i s. */
export function formatPhpDate(format: string, ms: number): string {
  const d = new Date(ms)
  const tokens: Record<string, string> = {
    d: pad(d.getUTCDate()),
    m: pad(d.getUTCMonth() + 1),
    Y: pad(d.getUTCFullYear(), 4),
    H: pad(d.getUTCHours()),
    i: pad(d.getUTCMinutes()),
    s: pad(d.getUTCSeconds()),
  }
  return format.replace(/[dmYHis]/g, (token) => tokens[token] ?? token)
}

/** `2024-05-02 10:05:11`: MySQL DATETIME without milliseconds. */
export function formatMysqlDateTime(ms: number): string {
  return formatPhpDate('Y-m-d H:i:s', ms)
}

/** `2024-05-02T10:05:11.000Z`: how Epicollect5 renders server times (milliseconds always zero). */
export function formatIsoSeconds(ms: number): string {
  return formatPhpDate('Y-m-dTH:i:s.000Z', ms)
}

/** Carbon `startOfDay()` / `endOfDay()` in UTC. */
export function startOfDay(ms: number): number {
  return ms - (((ms % 86_400_000) + 86_400_000) % 86_400_000)
}

export function endOfDay(ms: number): number {
  return startOfDay(ms) + 86_400_000 - 1
}

/** Question `datetime_format` to PHP date format (config/epicollect/mappings.php). */
export const DATETIME_FORMATS_PHP: Readonly<Record<string, string>> = {
  'dd/MM/YYYY': 'd/m/Y',
  'MM/dd/YYYY': 'm/d/Y',
  'YYYY/MM/dd': 'Y/m/d',
  'MM/YYYY': 'm/Y',
  'dd/MM': 'd/m',
  'HH:mm:ss': 'H:i:s',
  'hh:mm:ss': 'H:i:s',
  'HH:mm': 'H:i',
  'hh:mm': 'H:i',
  'mm:ss': 'i:s',
}
