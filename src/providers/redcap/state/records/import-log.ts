/**
 * Logging for a record import: one "Create record (API) <id>" or "Update record (API) <id>" entry
 * per record touched, with the values given (REDCap `Records::saveData` logs per record).
 */
import { appendLog, changeDetails, type LogContext } from '../logging.js'
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
  for (const id of result.ids) {
    const created = !existed.has(id)
    const own = rows
      .filter((r) => {
        const raw = r[idField] ?? ''
        return (renamed.get(raw) ?? raw) === id
      })
      .map((r) => {
        const values = Object.fromEntries(Object.entries(r).filter(([k]) => k !== idField))
        return created ? { [idField]: id, ...values } : values
      })
    appendLog(context, {
      action: `${created ? 'Create' : 'Update'} record (API) ${id}`,
      details: changeDetails(project, own),
      record: id,
      type: created ? 'record_add' : 'record_edit',
    })
  }
}
