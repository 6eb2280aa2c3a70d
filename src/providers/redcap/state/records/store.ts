/**
 * Records as REDCap keeps them: per record, rows per event and repeat instance, each row holding
 * raw values and checked checkbox codes. Records sort in REDCap's natural order (numbers first, by
 * value), rows by event order, then repeating form, then instance.
 */
import type { Project, RecordEntry, RecordRow } from '../model.js'
import { orderedEvents } from '../project-shape.js'
import { compareNatural } from '../../../../core/collation.js'

/** A record name that is a plain integer (no sign, no leading zero), as auto-numbering gives. */
const PLAIN_INTEGER = /^(0|[1-9]\d{0,14})$/

export function compareRecordIds(a: string, b: string): number {
  // Natural order of two plain integers is their numeric order; the collator is slow for a sort.
  if (PLAIN_INTEGER.test(a) && PLAIN_INTEGER.test(b)) return Number(a) - Number(b)
  return compareNatural(a, b) || (a < b ? -1 : a > b ? 1 : 0)
}

export function sortedRecords(project: Project): RecordEntry[] {
  return [...project.records.values()].sort((a, b) => compareRecordIds(a.id, b.id))
}

export function findRow(
  entry: RecordEntry,
  eventId: number,
  repeatInstrument: string,
  instance: number | null,
): RecordRow | undefined {
  return entry.rows.find(
    (r) =>
      r.eventId === eventId && r.repeatInstrument === repeatInstrument && r.instance === instance,
  )
}

export function ensureRecord(project: Project, id: string, now: string): RecordEntry {
  let entry = project.records.get(id)
  if (!entry) {
    entry = { id, dagId: null, createdAt: now, modifiedAt: now, rows: [] }
    project.records.set(id, entry)
  }
  return entry
}

export function ensureRow(
  entry: RecordEntry,
  eventId: number,
  repeatInstrument: string,
  instance: number | null,
): RecordRow {
  let row = findRow(entry, eventId, repeatInstrument, instance)
  if (!row) {
    row = {
      eventId,
      repeatInstrument,
      instance,
      values: new Map(),
      checked: new Map(),
      surveys: new Map(),
    }
    entry.rows.push(row)
  }
  return row
}

export function rowHasData(row: RecordRow): boolean {
  for (const value of row.values.values()) if (value !== '') return true
  for (const codes of row.checked.values()) if (codes.size > 0) return true
  return false
}

/** Rows in export order: event order, then non-repeating before repeating forms, then instance. */
export function orderedRows(project: Project, entry: RecordEntry): RecordRow[] {
  return rowOrder(project)(entry)
}

/** `orderedRows` for many records of one project: the event and form order worked out once. */
export function rowOrder(project: Project): (entry: RecordEntry) => RecordRow[] {
  const eventOrder = new Map(orderedEvents(project).map((e, i) => [e.id, i]))
  const formOrder = new Map(project.forms.map((f, i) => [f.name, i]))
  const rank = (r: RecordRow) =>
    r.repeatInstrument === '' ? -1 : (formOrder.get(r.repeatInstrument) ?? 0)
  return (entry) =>
    entry.rows
      .filter(rowHasData)
      .sort(
        (a, b) =>
          (eventOrder.get(a.eventId) ?? 0) - (eventOrder.get(b.eventId) ?? 0) ||
          (a.instance === null ? -1 : 0) - (b.instance === null ? -1 : 0) ||
          rank(a) - rank(b) ||
          (a.instance ?? 0) - (b.instance ?? 0),
      )
}

/** The next record name for auto-numbering: highest integer name + 1 (DAG users get `DAGID-n`). */
export function nextRecordName(project: Project, dagId: number | null = null): string {
  if (dagId !== null) {
    const prefix = `${String(dagId)}-`
    let max = 0
    for (const id of project.records.keys()) {
      if (id.startsWith(prefix)) max = Math.max(max, Number(id.slice(prefix.length)) || 0)
    }
    return `${prefix}${String(max + 1)}`
  }
  let max = 0
  for (const id of project.records.keys()) if (/^\d+$/.test(id)) max = Math.max(max, Number(id))
  return String(max + 1)
}
