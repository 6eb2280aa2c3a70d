/**
 * The posted `data` field as rows of strings, in the format it was posted in (json: an array of
 * objects; csv: a header line and rows; xml: `<records><item>...`). JSON numbers become their text
 * (clients send `"arm_num": 1`); a JSON value that is not an array gives no rows, as REDCap counts
 * a bare object as 0 records (PyCap #103).
 */
import { parseCsvObjects } from './csv.js'
import type { DataFormat } from './format.js'
import { parseXmlItems } from './xml.js'

export type DataRow = Readonly<Record<string, string>>

function toText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return JSON.stringify(value)
}

export function readDataRows(format: DataFormat, data: string, delimiter = ','): DataRow[] {
  if (format === 'csv') return parseCsvObjects(data, delimiter)
  if (format === 'xml' || format === 'odm') return parseXmlItems(data)
  const decoded = JSON.parse(data) as unknown
  if (!Array.isArray(decoded)) return []
  return decoded
    .filter((item): item is Record<string, unknown> => item !== null && typeof item === 'object')
    .map((item) => {
      const row: Record<string, string> = {}
      for (const [key, value] of Object.entries(item)) row[key] = toText(value)
      return row
    })
}
