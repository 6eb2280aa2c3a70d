/**
 * `content=record&action=delete` (protocol notes §2.3, api_docs_258-264/342-347/363): whole
 * records, or only an instrument, an event and/or a repeat instance of them, optionally within one
 * arm. `records` must be a real array. All or nothing: any record missing (or, for a partial
 * delete, with nothing to delete) refuses the whole call. The reply is the bare count, sent with
 * the `format` content type.
 */
import { badRequest } from '../wire/messages.js'
import type { Project, RecordEntry, RecordRow } from '../state/model.js'
import { appendLog } from '../state/logging.js'
import { completeField, eventByUniqueName, recordIdField } from '../state/project-shape.js'
import { rowHasData } from '../state/records/store.js'
import { bareReply, type Reply } from '../wire/reply.js'
import type { ProjectCall } from './types.js'

interface Scope {
  readonly armNum: number | null
  readonly eventId: number | null
  readonly form: string
  readonly instance: number | null
}

function inScope(project: Project, row: RecordRow, scope: Scope): boolean {
  const event = project.events.find((e) => e.id === row.eventId)
  if (scope.armNum !== null && event?.armNum !== scope.armNum) return false
  if (scope.eventId !== null && row.eventId !== scope.eventId) return false
  if (scope.instance !== null && row.instance !== scope.instance) return false
  return true
}

/** Clears the form's values on a row; true when something was there. */
function clearForm(project: Project, row: RecordRow, form: string): boolean {
  let changed = false
  for (const field of project.fields.filter((f) => f.form === form)) {
    if (row.values.delete(field.name)) changed = true
    const codes = row.checked.get(field.name)
    if (codes && codes.size > 0) changed = true
    row.checked.delete(field.name)
  }
  if (row.values.delete(completeField(form))) changed = true
  row.surveys.delete(form)
  return changed
}

function deleteFrom(project: Project, entry: RecordEntry, scope: Scope): boolean {
  const partial =
    scope.form !== '' || scope.eventId !== null || scope.instance !== null || scope.armNum !== null
  if (!partial) {
    project.records.delete(entry.id)
    return true
  }
  let changed = false
  for (const row of entry.rows.filter((r) => inScope(project, r, scope))) {
    if (scope.form !== '' && row.repeatInstrument === scope.form) {
      // An instance of a repeating instrument holds only that form: it goes as a whole.
      changed = clearForm(project, row, scope.form) || changed
      entry.rows.splice(entry.rows.indexOf(row), 1)
    } else if (scope.form !== '') {
      if (row.repeatInstrument === '' && clearForm(project, row, scope.form)) changed = true
    } else {
      changed = changed || rowHasData(row)
      entry.rows.splice(entry.rows.indexOf(row), 1)
    }
  }
  entry.rows = entry.rows.filter(rowHasData)
  if (entry.rows.length === 0) project.records.delete(entry.id)
  return changed
}

export function deleteRecords(call: ProjectCall): Reply {
  const { project, params, access } = call
  if (!params.isArray('records'))
    throw badRequest(
      "Incorrect format for 'records' parameter. It must be passed as an array, even if it only contains a single record name.",
    )
  const names = params.list('records')
  if (names.length === 0)
    throw badRequest(
      "The 'records' parameter is an empty array. The parameter must be an array containing one or more record names to delete.",
    )
  const scope = readScope(project, params.text('arm'), params.text('event'), params)
  const visible = (id: string) => {
    const entry = project.records.get(id)
    return entry && (access.dagId === null || entry.dagId === access.dagId) ? entry : undefined
  }
  const missing = names.filter((id) => !visible(id))
  if (missing.length > 0)
    throw badRequest(
      `One or more of the records provided cannot be deleted because they do not exist in the project. The following records do not exist: ${missing.join(', ')}`,
    )
  const partial = scope.form !== '' || scope.eventId !== null || scope.instance !== null
  if (partial) {
    const empty = names.filter((id) => {
      const entry = visible(id)
      return !entry?.rows.some(
        (r) => inScope(project, r, scope) && hasScopedData(project, r, scope),
      )
    })
    if (empty.length > 0)
      throw badRequest(
        `One or more of the records provided are either do not exist in this project or not valid with selected params. Note: No records were deleted. Records that do not exist: ${empty.join(', ')}`,
      )
  }
  let count = 0
  for (const id of new Set(names)) {
    const entry = visible(id)
    if (entry && deleteFrom(project, entry, scope)) {
      count++
      logRecordDelete(call, entry, partial)
    }
  }
  return bareReply(call.format, count)
}

/**
 * "Delete record (API) <id>" for a whole record ("Update record (API)" when only part of it went);
 * `delete_logging=1` first erases the record's earlier entries, as REDCap's option does.
 */
function logRecordDelete(call: ProjectCall, entry: RecordEntry, partial: boolean): void {
  const { project, params } = call
  const { id } = entry
  if (!partial && params.flag('delete_logging'))
    project.log = project.log.filter((e) => e.record !== id)
  appendLog(call, {
    action: `${partial ? 'Update' : 'Delete'} record (API) ${id}`,
    details: partial ? 'Delete data (API)' : `${recordIdField(project)} = '${id}'`,
    record: id,
    type: partial ? 'record_edit' : 'record_delete',
    dagId: entry.dagId,
  })
}

function hasScopedData(project: Project, row: RecordRow, scope: Scope): boolean {
  if (scope.form === '') return rowHasData(row)
  if (row.repeatInstrument !== '' && row.repeatInstrument !== scope.form) return false
  if (row.values.has(completeField(scope.form))) return true
  return project.fields.some(
    (f) =>
      f.form === scope.form &&
      ((row.values.get(f.name) ?? '') !== '' || (row.checked.get(f.name)?.size ?? 0) > 0),
  )
}

function readScope(
  project: Project,
  arm: string,
  event: string,
  params: ProjectCall['params'],
): Scope {
  let armNum: number | null = null
  if (arm !== '' && project.settings.isLongitudinal && project.arms.length > 1) {
    armNum = Number(arm)
    if (!project.arms.some((a) => a.num === armNum))
      throw badRequest('The arm provided is not correct for the project.')
  }
  let eventId: number | null = null
  if (event !== '' && project.settings.isLongitudinal) {
    const found = eventByUniqueName(project, event)
    if (!found) throw badRequest('The event provided is not valid for the project.')
    eventId = found.id
  }
  const form = params.text('instrument')
  if (form !== '' && !project.forms.some((f) => f.name === form))
    throw badRequest('The instrument provided is not valid for the project.')
  const instance = params.text('repeat_instance')
  return { armNum, eventId, form, instance: instance === '' ? null : Number(instance) }
}
