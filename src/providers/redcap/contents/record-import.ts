/**
 * `content=record` import (protocol notes §2.2, api_docs_102/280-283/365-368): flat or EAV rows in
 * json, csv or xml; overwriteBehavior normal (blanks ignored) or overwrite; forceAutoNumber;
 * dateFormat; returnContent count | ids | auto_ids | nothing, in `returnFormat`. Any failing value
 * refuses the whole import with REDCap's `"record","field","value","message"` lines.
 */
import type { Project } from '../state/model.js'
import { checkboxColumn, fieldByName, recordIdField } from '../state/project-shape.js'
import { importRecords } from '../state/records/ingest.js'
import { logRecordImport } from '../state/records/import-log.js'
import { redcapTime } from '../wire/time.js'
import { csvDelimiter } from '../wire/csv.js'
import { readDataRows, type DataRow } from '../wire/data.js'
import { CONTENT_TYPES } from '../wire/format.js'
import { phpJson } from '../wire/json.js'
import { countReply, textReply, type Reply } from '../wire/reply.js'
import { XML_DECLARATION } from '../wire/xml.js'
import type { ProjectCall } from './types.js'

const ROW_KEYS = ['redcap_event_name', 'redcap_repeat_instrument', 'redcap_repeat_instance']

/** EAV rows (`record, [redcap_event_name, ...], field_name, value`) pivoted into flat rows. */
function pivotEav(project: Project, rows: readonly DataRow[]): DataRow[] {
  const idField = recordIdField(project)
  const flat = new Map<string, Record<string, string>>()
  for (const row of rows) {
    const key = [row.record ?? '', ...ROW_KEYS.map((k) => row[k] ?? '')].join('\u0000')
    let target = flat.get(key)
    if (!target) {
      target = { [idField]: row.record ?? '' }
      for (const k of ROW_KEYS) if (row[k] !== undefined) target[k] = row[k]
      flat.set(key, target)
    }
    const name = row.field_name ?? ''
    const value = row.value ?? ''
    if (fieldByName(project, name)?.type === 'checkbox') target[checkboxColumn(name, value)] = '1'
    else if (name !== idField) target[name] = value
  }
  return [...flat.values()]
}

export function importRecordData(call: ProjectCall): Reply {
  const { project, params, returnFormat } = call
  const delimiter = csvDelimiter(params.str('csvDelimiter'))
  const raw = readDataRows(call.format, call.data ?? '', delimiter)
  const rows = params.text('type') === 'eav' ? pivotEav(project, raw) : raw
  const forceAutoNumber = params.flag('forceAutoNumber')
  const existed = new Set(project.records.keys())
  const result = importRecords(project, rows, {
    overwrite: params.text('overwriteBehavior') === 'overwrite',
    forceAutoNumber,
    dateFormat: params.text('dateFormat').toUpperCase() || 'YMD',
    dagId: call.access.dagId,
    now: redcapTime(call.deps.clock),
  })
  logRecordImport(call, rows, result, existed)
  const returnContent = params.text('returnContent')
  if (returnContent === 'nothing') return { body: '', contentType: CONTENT_TYPES[returnFormat] }
  const autoIds = returnContent === 'auto_ids' && forceAutoNumber
  if (returnContent !== 'ids' && !autoIds) return countReply(returnFormat, result.ids.length)
  const ids = autoIds ? result.autoIds.map(([now, was]) => `${now},${was}`) : result.ids
  if (returnFormat === 'json') return textReply('json', phpJson(ids))
  if (returnFormat === 'csv')
    return textReply('csv', [autoIds ? 'id,original_id' : 'id', ...ids].join('\n'))
  const items = ids.map((id) => `<id>${id}</id>`).join('')
  return textReply('xml', `${XML_DECLARATION}<ids>${items}</ids>`)
}
