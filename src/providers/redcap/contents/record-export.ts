/**
 * `content=record` export (protocol notes §2.1, api_docs_052-088): flat or EAV rows in json, csv or
 * xml with records/fields/forms/events selection, raw or label values and headers, checkbox
 * labels, survey and DAG columns, filterLogic, dateRangeBegin/End, csvDelimiter and
 * decimalCharacter. Users in a DAG see only their DAG's records.
 */
import { badRequest, MSG, rejectUnknown } from '../wire/messages.js'
import type { Field, Project, RecordEntry, RecordRow } from '../state/model.js'
import { hasRepeating, recordIdField } from '../state/project-shape.js'
import type { Access } from '../state/rights.js'
import {
  columnLabel,
  columnName,
  selectColumns,
  type ExportColumns,
} from '../state/records/columns.js'
import { compileFilter, type Lookup } from '../state/records/filter-logic.js'
import { Flattener, formOnRow, type ValueOptions } from '../state/records/flatten.js'
import { findRow, rowOrder, sortedRecords } from '../state/records/store.js'
import { csvDelimiter } from '../wire/csv.js'
import { writeOdm } from '../wire/odm/write.js'
import { renderCells, tableReply, textReply, type Reply, type Row } from '../wire/reply.js'
import { tableFormat, type ProjectCall } from './types.js'

/** De-identified and limited export rights drop identifier fields (and, de-identified, free text). */
function allowedByExportRights(access: Access, field: Field, idField: string): boolean {
  const level = access.rights.dataExport
  if (field.name === idField || level === 'full') return true
  if (field.identifier === 'y') return false
  const freeText = field.type === 'notes' || (field.type === 'text' && field.validation === '')
  return level !== 'deidentified' || !freeText
}

function limitByRights(project: Project, access: Access, selection: ExportColumns): ExportColumns {
  const idField = recordIdField(project)
  const fields = selection.fields.filter((f) => allowedByExportRights(access, f, idField))
  if (fields.length === selection.fields.length) return selection
  if (fields.length === 0 && selection.completes.size === 0) throw badRequest(MSG.allFieldsRemoved)
  const kept = new Set(fields.map((f) => f.name))
  const columns = selection.columns.filter(
    (c) => (c.kind !== 'field' && c.kind !== 'checkbox') || kept.has(c.field.name),
  )
  return { ...selection, fields, columns }
}

function lookupFor(project: Project, entry: RecordEntry, row: RecordRow): Lookup {
  return (event, fieldName, code) => {
    const field = project.fields.find((f) => f.name === fieldName)
    if (fieldName === recordIdField(project)) return entry.id
    if (!field) return ''
    const eventId =
      event === null ? row.eventId : project.events.find((e) => e.uniqueName === event)?.id
    if (eventId === undefined) return ''
    const source =
      event === null && formOnRow(project, row, field.form)
        ? row
        : findRow(entry, eventId, '', null)
    if (!source) return ''
    if (code !== null) return source.checked.get(fieldName)?.has(code) ? '1' : '0'
    return source.values.get(fieldName) ?? ''
  }
}

export function exportRecords(call: ProjectCall): Reply {
  const { project, params, access } = call
  const isLabel = params.text('rawOrLabel') === 'label'
  const dagColumn = params.flag('exportDataAccessGroups') && access.dagId === null
  const selection = limitByRights(
    project,
    access,
    selectColumns(project, {
      fields: params.list('fields'),
      forms: params.list('forms'),
      surveyFields: params.flag('exportSurveyFields'),
      dagColumn,
    }),
  )
  const events = params.list('events')
  if (project.settings.isLongitudinal)
    rejectUnknown('events', events, (e) => project.events.some((x) => x.uniqueName === e))
  const eventIds = new Set(
    project.events.filter((e) => events.includes(e.uniqueName)).map((e) => e.id),
  )
  const records = params.list('records')
  const filter = compileFilter(params.text('filterLogic'))
  const begin = params.text('dateRangeBegin')
  const end = params.text('dateRangeEnd')
  const options: ValueOptions = {
    labels: isLabel,
    checkboxLabels: params.flag('exportCheckboxLabel'),
    blankGrayStatus: params.flag('exportBlankForGrayFormStatus'),
    decimalComma: params.text('decimalCharacter') === ',',
  }

  const flattener = new Flattener(project, selection, options)
  const orderedRows = rowOrder(project)
  const picked: [RecordEntry, RecordRow][] = []
  for (const entry of sortedRecords(project)) {
    if (access.dagId !== null && entry.dagId !== access.dagId) continue
    if (records.length > 0 && !records.includes(entry.id)) continue
    if ((begin !== '' && entry.modifiedAt < begin) || (end !== '' && entry.modifiedAt > end))
      continue
    for (const row of orderedRows(entry)) {
      if (eventIds.size > 0 && project.settings.isLongitudinal && !eventIds.has(row.eventId))
        continue
      if (!flattener.rowSelected(row)) continue
      if (filter && !filter(lookupFor(project, entry, row))) continue
      picked.push([entry, row])
    }
  }
  if (call.format === 'odm') {
    const clinical = {
      records: [...new Set(picked.map(([entry]) => entry.id))],
      files: false,
      dags: dagColumn,
    }
    return textReply(
      'xml',
      writeOdm(project, call.state.system.version, call.deps.clock.now(), clinical),
    )
  }
  const format = tableFormat(call)
  const delimiter = csvDelimiter(params.str('csvDelimiter'))
  if (params.text('type') === 'eav') return eavReply(call, picked, flattener, delimiter)

  const names = selection.columns.map((c) => columnName(project, c))
  const cells = picked.map(([entry, row]) => flattener.cells(entry, row))
  const labelHeaders = params.text('rawOrLabelHeaders') === 'label'
  const body = renderCells(format, cells, {
    columns: names,
    csvDelimiter: delimiter,
    ...(labelHeaders ? { csvHeaders: selection.columns.map((c) => columnLabel(project, c)) } : {}),
  })
  return textReply(format, body)
}

function eavReply(
  call: ProjectCall,
  picked: [RecordEntry, RecordRow][],
  flattener: Flattener,
  delimiter: string,
): Reply {
  const { project } = call
  const repeating = hasRepeating(project)
  const longitudinal = project.settings.isLongitudinal
  const columns = [
    'record',
    ...(longitudinal ? ['redcap_event_name'] : []),
    ...(repeating ? ['redcap_repeat_instrument', 'redcap_repeat_instance'] : []),
    'field_name',
    'value',
  ]
  const rows: Row[] = []
  for (const [entry, row] of picked) {
    const event = project.events.find((e) => e.id === row.eventId)
    for (const [field, value] of flattener.eav(entry, row)) {
      rows.push({
        record: entry.id,
        ...(longitudinal ? { redcap_event_name: event?.uniqueName ?? '' } : {}),
        ...(repeating
          ? {
              redcap_repeat_instrument: row.repeatInstrument,
              redcap_repeat_instance: row.instance ?? '',
            }
          : {}),
        field_name: field,
        value,
      })
    }
  }
  return tableReply(tableFormat(call), rows, { columns, csvDelimiter: delimiter })
}
