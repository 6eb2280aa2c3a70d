/**
 * What a content handler returns, and the renderers every content shares: a table of rows as JSON
 * (an array of objects), CSV (header + rows) or XML (`<records><item>...`), plus the bare-text and
 * single-object replies. Success is always 200 (REDCap never sends 201/204).
 */
import { csvLine } from '../../../core/php-csv.js'
import { CONTENT_TYPES, type DataFormat, type Format } from './format.js'
import { phpJson, phpJsonScalar } from './json.js'
import { XML_DECLARATION, xmlElement } from './xml.js'

export interface Reply {
  readonly body: string | Uint8Array<ArrayBuffer>
  readonly contentType: string
  readonly headers?: Readonly<Record<string, string>>
}

/** A cell: strings, and numbers where REDCap's JSON has numbers (arm_num, event_id, ...). */
export type Cell = string | number
export type Row = Readonly<Record<string, Cell>>

export function textReply(format: DataFormat, body: string): Reply {
  return { body, contentType: CONTENT_TYPES[format] }
}

export interface TableOptions {
  /** Column order, needed for the CSV header when there are no rows. */
  readonly columns: readonly string[]
  readonly csvDelimiter?: string
  /** CSV header labels in place of the column names (`rawOrLabelHeaders=label`). */
  readonly csvHeaders?: readonly string[]
}

export function renderTable(format: Format, rows: readonly Row[], options: TableOptions): string {
  if (format === 'json') return phpJson(rows)
  const { columns } = options
  if (format === 'csv') {
    const delimiter = options.csvDelimiter ?? ','
    let out = csvLine(options.csvHeaders ?? columns, delimiter)
    for (const row of rows)
      out += csvLine(
        columns.map((c) => String(row[c] ?? '')),
        delimiter,
      )
    return out
  }
  const items = rows.map(
    (row) => `<item>${columns.map((c) => xmlElement(c, String(row[c] ?? ''))).join('')}</item>\n`,
  )
  return `${XML_DECLARATION}\n<records>\n${items.join('')}</records>`
}

/** An array index (`"0"`, `"12"`): JavaScript objects list such keys first, so JSON would too. */
const INDEX_KEY = /^(0|[1-9]\d*)$/

/**
 * A table given as cells in column order rather than as row objects: the same bytes as
 * `renderTable` of the objects, with JSON written straight from the cells when the column names
 * are distinct and none is an array index (objects would merge or reorder those).
 */
export function renderCells(
  format: Format,
  cells: readonly (readonly Cell[])[],
  options: TableOptions,
): string {
  const { columns } = options
  const plainKeys =
    new Set(columns).size === columns.length && !columns.some((c) => INDEX_KEY.test(c))
  if (format !== 'json' || !plainKeys) {
    const rows = cells.map((row) => {
      const out: Record<string, Cell> = {}
      columns.forEach((c, i) => (out[c] = row[i] ?? ''))
      return out
    })
    return renderTable(format, rows, options)
  }
  const keys = columns.map((c) => `${phpJsonScalar(c)}:`)
  // One growing string: cheaper than joining an array per row, as the profile of a 100-record export showed.
  let out = '['
  cells.forEach((row, r) => {
    out += r === 0 ? '{' : ',{'
    keys.forEach((key, i) => {
      out += (i === 0 ? key : `,${key}`) + phpJsonScalar(row[i] ?? '')
    })
    out += '}'
  })
  return `${out}]`
}

export function tableReply(format: Format, rows: readonly Row[], options: TableOptions): Reply {
  return textReply(format, renderTable(format, rows, options))
}

/** One object (project info): JSON object, CSV header + one row, XML `<item>`. */
export function objectReply(format: Format, row: Row): Reply {
  const columns = Object.keys(row)
  if (format === 'json') return textReply(format, phpJson(row))
  if (format === 'csv') {
    const values = columns.map((c) => String(row[c]))
    return textReply(format, csvLine(columns) + csvLine(values))
  }
  const inner = columns.map((c) => xmlElement(c, String(row[c]))).join('')
  return textReply(format, `${XML_DECLARATION}\n<item>${inner}</item>`)
}

/** A count as imports reply: `{"count": 3}` (with the space), `3`, `<count>3</count>`. */
export function countReply(format: Format, count: number): Reply {
  if (format === 'json') return textReply(format, `{"count": ${count}}`)
  if (format === 'csv') return textReply(format, String(count))
  return textReply(format, `${XML_DECLARATION}<count>${count}</count>`)
}

/** A bare number in every format (record delete, arm/event/metadata imports). */
export function bareReply(format: DataFormat, value: number | string): Reply {
  return textReply(format, String(value))
}
