/**
 * `content=record&action=randomize` (Randomize Record; docs/redcap-methods.md): allocates the
 * record to the first unused row of the model's allocation table whose strata match the record's
 * values (and DAG), writes the target value into the target field on the target event, and answers
 * `randomization_id`, `record`, `target_field` (the value) and `target_field_name`, plus
 * `target_field_alt` with `returnAlt` (`*` for a blinded model), as one JSON object, a CSV header
 * and row, or XML `<items>`. The pipeline's Randomize right guards it. When it cannot randomize,
 * REDCap answers 200 with a sentence ("Invalid data supplied" for an unknown model or a project
 * without randomization, "Cannot randomize. ..." otherwise).
 *
 * Known deviations:
 * - Models come from the scenario's fixture; there is no setup page and no production table.
 */
import type { Project, RecordEntry } from '../state/model.js'
import { DESIGN_ACTION, appendLog } from '../state/logging.js'
import { recordIdField } from '../state/project-shape.js'
import type { Randomization } from '../state/randomization.js'
import { ensureRow, findRow } from '../state/records/store.js'
import { redcapTime } from '../wire/time.js'
import { phpJson } from '../wire/json.js'
import { renderTable, textReply, type Cell, type Reply, type Row } from '../wire/reply.js'
import { XML_DECLARATION, xmlElement } from '../wire/xml.js'
import { tableFormat, type ProjectCall } from './types.js'

const CANNOT = 'Cannot randomize.'

/** The record's value of a field on an event (non-repeating row). */
function valueOf(entry: RecordEntry, field: string, eventId: number): string {
  return findRow(entry, eventId, '', null)?.values.get(field) ?? ''
}

function armOf(project: Project, eventId: number): number | undefined {
  return project.events.find((e) => e.id === eventId)?.armNum
}

function inArm(project: Project, entry: RecordEntry, armNum: number | undefined): boolean {
  return entry.rows.some((r) => armOf(project, r.eventId) === armNum)
}

/** Allocates the record, or returns the sentence REDCap answers instead. */
function allocate(call: ProjectCall, model: Randomization, record: string): string | null {
  const { project } = call
  const entry = project.records.get(record)
  if (!entry || !inArm(project, entry, armOf(project, model.targetEventId)))
    return `${CANNOT} Record does not exist.`
  if (model.allocations.some((a) => a.record === record))
    return `${CANNOT} Randomization already completed for record.`
  if (model.byDag && entry.dagId === null) return `${CANNOT} Record not assigned to a DAG`
  const values = new Map(model.strata.map((s) => [s.field, valueOf(entry, s.field, s.eventId)]))
  const missing = [...values].filter(([, v]) => v === '').map(([f]) => f)
  if (missing.length > 0)
    return `${CANNOT} Missing stratification data for fields: ${missing.join(',')}`
  const row = model.allocations.find(
    (a) =>
      a.record === null &&
      (!model.byDag || a.dagId === entry.dagId) &&
      [...values].every(([field, value]) => a.strata[field] === value),
  )
  if (!row) return `${CANNOT} No allocations available.`
  row.record = record
  const now = redcapTime(call.deps.clock)
  const target = ensureRow(entry, model.targetEventId, '', null)
  target.values.set(recordIdField(project), record)
  target.values.set(model.targetField, row.target)
  entry.modifiedAt = now
  return null
}

function render(call: ProjectCall, result: Row): Reply {
  const format = tableFormat(call)
  if (format === 'json') return textReply('json', phpJson(result))
  if (format === 'csv')
    return textReply('csv', renderTable('csv', [result], { columns: Object.keys(result) }))
  const inner = Object.entries(result)
    .map(([k, v]) => xmlElement(k, String(v)))
    .join('')
  return textReply('xml', `${XML_DECLARATION}\n<items>\n${inner}\n</items>\n`)
}

export function randomizeRecord(call: ProjectCall): Reply {
  const { project, params } = call
  const id = params.text('randomization_id')
  const model = project.settings.randomizationEnabled
    ? project.randomizations.find((m) => String(m.id) === id)
    : undefined
  if (!model) return textReply(tableFormat(call), 'Invalid data supplied')
  const record = params.text('record')
  const refused = allocate(call, model, record)
  if (refused !== null) return textReply(tableFormat(call), refused)
  appendLog(call, {
    action: DESIGN_ACTION,
    details: `${recordIdField(project)} = '${record}'\nrandomization_id = ${String(model.id)}`,
    record,
    type: 'manage',
  })
  const used = model.allocations.find((a) => a.record === record)
  const result: Record<string, Cell> = {
    randomization_id: model.id,
    record,
    target_field: used?.target ?? '',
    target_field_name: model.targetField,
  }
  const returnAlt = ['true', '1'].includes(params.text('returnAlt'))
  if (returnAlt) result.target_field_alt = model.blinded ? '*' : (used?.alt ?? '')
  return render(call, result)
}
