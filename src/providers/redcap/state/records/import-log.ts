/**
 * Logging for a record import: one "Create record (API) <id>" or "Update record (API) <id>" entry
 * per record touched, with the values given (REDCap `Records::saveData` logs per record).
 */
import { appendLog, changeDetails, checkboxNames, type LogContext } from '../logging.js'
import { recordIdField } from '../project-shape.js'
import type { DataRow } from '../../wire/data.js'
import type { ImportResult } from './ingest.js'

export function logRecordImport(
  context: LogContext,
  rows: readonly DataRow[],
  result: ImportResult,
  existed: ReadonlySet<string>,
): void {
  const { project } = context
  const idField = recordIdField(project)
  const renamed = new Map(result.autoIds.map(([now, was]) => [was, now]))
  // Rows grouped by the record they landed in, in one pass: a scan of every row per record made
  // a 40,000-row import quadratic.
  const rowsOf = new Map<string, DataRow[]>()
  for (const r of rows) {
    const raw = r[idField] ?? ''
    const id = renamed.get(raw) ?? raw
    const list = rowsOf.get(id)
    if (list) list.push(r)
    else rowsOf.set(id, [r])
  }
  // Worked out once for the import, not once per record.
  const checkboxes = checkboxNames(project)
  for (const id of result.ids) {
    const created = !existed.has(id)
    const own = (rowsOf.get(id) ?? []).map((r) => {
      const values = Object.fromEntries(Object.entries(r).filter(([k]) => k !== idField))
      return created ? { [idField]: id, ...values } : values
    })
    appendLog(context, {
      action: `${created ? 'Create' : 'Update'} record (API) ${id}`,
      details: changeDetails(project, own, checkboxes),
      record: id,
      type: created ? 'record_add' : 'record_edit',
    })
  }
}
