/**
 * One entry as the export shows it: the uuid keys, `created_at`, `uploaded_at`, `created_by` (private
 * projects only), `title`, then one value per visible question named by the mapping's `map_to`.
 * Values follow the question type: choices become their mapped text, dates are reformatted, locations
 * gain UTM coordinates, media become URLs (public) or file names (private), branches a count.
 *
 * @see epicollect5-server app/Services/Mapping/DataMappingService.php (getMappedEntryJSON,
 *   getMappedEntryCSV, getHeaderRowCSV, parseAnswer, getMediaUrl)
 */
import { formatIsoSeconds, formatPhpDate, parseUtcDateTime } from './dates.js'
import type { InputType } from '../state/definition.js'
import type { StoredEntry } from '../state/entry-store.js'
import type { ExportColumn, ExportLayout } from './export-layout.js'
import { PhpFloat, phpFloatToString, phpFloatval, phpIntval } from './php-json.js'
import { toUtm } from './utm.js'

const EMPTY_LOCATION = ['', '', '', '', '', ''] as const

/** latitude, longitude, accuracy, UTM northing, easting, zone; six blanks when not usable. */
function locationParts(answer: unknown): readonly (string | number)[] {
  if (typeof answer !== 'object' || answer === null) return EMPTY_LOCATION
  const { latitude, longitude, accuracy } = answer as Record<string, unknown>
  const part = (v: unknown) => (typeof v === 'number' || typeof v === 'string' ? v : '')
  if (!latitude || !longitude) return [part(latitude), part(longitude), part(accuracy), '', '', '']
  const utm = toUtm(phpFloatval(latitude), phpFloatval(longitude))
  return [part(latitude), part(longitude), part(accuracy), utm.northing, utm.easting, utm.zone]
}

/** A scalar answer as text (answer refs, dates); anything else matches nothing. */
function asText(answer: unknown): string {
  return typeof answer === 'string' || typeof answer === 'number' ? String(answer) : ''
}

function choices(col: ExportColumn, answer: unknown): string[] {
  return Array.isArray(answer) ? answer.map((ref) => col.answers.get(asText(ref)) ?? '') : []
}

function mediaValue(
  col: ExportColumn,
  answer: unknown,
  layout: ExportLayout,
  version: string,
): string {
  const name = typeof answer === 'string' ? answer : ''
  if (name === '' || layout.privateProject) return name
  const format = col.type === 'photo' ? 'entry_original' : col.type
  const query = new URLSearchParams({ type: col.type, format, name, v: version })
  return `${layout.mediaUrl}?${query.toString()}`
}

/** The value of one ordinary (not location, not multi-choice) column. */
function scalar(
  col: ExportColumn,
  answer: unknown,
  layout: ExportLayout,
  entry: StoredEntry,
): unknown {
  switch (col.type) {
    case 'radio':
    case 'dropdown':
      return col.answers.get(asText(answer)) ?? ''
    case 'date':
    case 'time': {
      if (!answer || col.dateFormat === undefined) return ''
      const ms = parseUtcDateTime(asText(answer))
      return ms === undefined ? '' : formatPhpDate(col.dateFormat, ms)
    }
    case 'photo':
    case 'audio':
    case 'video':
      return mediaValue(col, answer, layout, String(Math.floor(entry.uploadedAtMs / 1000)))
    case 'integer':
      return answer === '' ? '' : phpIntval(answer)
    case 'decimal':
      return answer === '' ? '' : new PhpFloat(phpFloatval(answer))
    case 'branch':
      return entry.branchCounts[col.ref] ?? 0
    default:
      return answer
  }
}

function uuidHeaders(layout: ExportLayout): string[] {
  if (layout.mode === 'branch') return ['ec5_branch_owner_uuid', 'ec5_branch_uuid']
  return layout.topForm ? ['ec5_uuid'] : ['ec5_uuid', 'ec5_parent_uuid']
}

function uuids(layout: ExportLayout, entry: StoredEntry): string[] {
  if (layout.mode === 'branch') return [entry.ownerUuid, entry.uuid]
  return layout.topForm ? [entry.uuid] : [entry.uuid, entry.parentUuid]
}

/** The JSON object of one entry, keys in the server's order. */
export function mapEntryJson(entry: StoredEntry, layout: ExportLayout): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  const keys = uuidHeaders(layout)
  uuids(layout, entry).forEach((value, i) => (out[keys[i] ?? ''] = value))
  out.created_at = entry.createdAt
  out.uploaded_at = formatIsoSeconds(entry.uploadedAtMs)
  if (layout.privateProject) out.created_by = entry.createdBy ?? 'n/a'
  out.title = entry.title
  for (const col of layout.columns) {
    const answer = entry.answers[col.ref] ?? ''
    if (col.type === 'location') {
      const [latitude, longitude, accuracy, n, e, zone] = locationParts(answer)
      out[col.mapTo] = {
        latitude,
        longitude,
        accuracy,
        UTM_Northing: n,
        UTM_Easting: e,
        UTM_Zone: zone,
      }
    } else if (isMultiChoice(col.type)) out[col.mapTo] = choices(col, answer)
    else out[col.mapTo] = scalar(col, answer, layout, entry)
  }
  return out
}

function isMultiChoice(type: InputType): boolean {
  return type === 'checkbox' || type === 'searchsingle' || type === 'searchmultiple'
}

/** The CSV header row; a location becomes six columns. */
export function csvHeader(layout: ExportLayout): string[] {
  const out = [...uuidHeaders(layout), 'created_at', 'uploaded_at']
  if (layout.privateProject) out.push('created_by')
  out.push('title')
  for (const col of layout.columns) {
    if (col.type !== 'location') out.push(col.mapTo)
    else
      for (const p of ['lat', 'long', 'accuracy', 'UTM_Northing', 'UTM_Easting', 'UTM_Zone'])
        out.push(`${p}_${col.mapTo}`)
  }
  return out
}

/** A value as PHP's fputcsv turns it into text. */
function csvText(value: unknown): string {
  if (value instanceof PhpFloat) return value.toString()
  if (typeof value === 'number') return phpFloatToString(value)
  if (typeof value === 'boolean') return value ? '1' : ''
  if (typeof value === 'string') return value
  return value === null || value === undefined ? '' : 'Array'
}

/** One CSV row: choices joined with `, ` (a text with a comma quoted first), location in six cells. */
export function mapEntryCsv(entry: StoredEntry, layout: ExportLayout): string[] {
  const out = uuids(layout, entry)
  out.push(entry.createdAt, formatIsoSeconds(entry.uploadedAtMs))
  if (layout.privateProject) out.push(entry.createdBy ?? 'n/a')
  out.push(entry.title)
  for (const col of layout.columns) {
    const answer = entry.answers[col.ref] ?? ''
    if (col.type === 'location') out.push(...locationParts(answer).map(csvText))
    else if (isMultiChoice(col.type))
      out.push(
        choices(col, answer)
          .map((t) => (t.includes(',') ? `"${t}"` : t))
          .join(', '),
      )
    else out.push(csvText(scalar(col, answer, layout, entry)))
  }
  return out
}
