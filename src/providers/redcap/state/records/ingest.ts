/**
 * Importing flat rows (record import, and fixtures' records.csv): whole-request checks first
 * (record-ID column, unknown columns), then every value, and only when nothing failed the rows
 * are written. Per-value failures are REDCap's `"record","field","value","message"` lines.
 * @see protocol notes §2.2 (Records::saveData, data_import_tool_* messages)
 */
import type { Event, Field, Project, RecordRow } from '../model.js'
import { badRequest } from '../../wire/messages.js'
import {
  checkboxColumn,
  choicesOf,
  completeField,
  eventByUniqueName,
  formsOfEvent,
  isRepeatingEvent,
  isRepeatingForm,
  recordIdField,
} from '../project-shape.js'
import { checkboxProblem, completeProblem, normalizeDate, valueProblem } from './validate.js'
import { ensureRecord, ensureRow, nextRecordName } from './store.js'

export interface ImportOptions {
  readonly overwrite: boolean
  readonly forceAutoNumber: boolean
  readonly dateFormat: string
  /** The importing user's DAG: new records join it. */
  readonly dagId: number | null
  readonly now: string
  /** Fixtures carry calculated values; the API never imports them. */
  readonly keepCalculated?: boolean
}

export interface ImportResult {
  /** Distinct record names touched, in order of first appearance (after auto-numbering). */
  readonly ids: string[]
  /** [new, original] pairs when auto-numbered. */
  readonly autoIds: [string, string][]
}

type Target =
  | { kind: 'field'; field: Field }
  | { kind: 'checkbox'; field: Field; code: string }
  | { kind: 'complete'; form: string }
  | { kind: 'dag' }
  | { kind: 'ignored' }

const ROW_KEYS = ['redcap_event_name', 'redcap_repeat_instrument', 'redcap_repeat_instance']

function columnTargets(project: Project): Map<string, Target> {
  const targets = new Map<string, Target>()
  for (const field of project.fields) {
    if (field.type === 'checkbox') {
      for (const [code] of choicesOf(field))
        targets.set(checkboxColumn(field.name, code), { kind: 'checkbox', field, code })
    } else if (field.type !== 'descriptive') targets.set(field.name, { kind: 'field', field })
  }
  for (const form of project.forms) {
    targets.set(completeField(form.name), { kind: 'complete', form: form.name })
    targets.set(`${form.name}_timestamp`, { kind: 'ignored' })
  }
  targets.set(recordIdField(project), { kind: 'ignored' })
  targets.set('redcap_data_access_group', { kind: 'dag' })
  targets.set('redcap_survey_identifier', { kind: 'ignored' })
  return targets
}

function quoteLine(record: string, field: string, value: string, message: string): string {
  return [record, field, value, message].map((v) => `"${v.replace(/"/g, '""')}"`).join(',')
}

export function eventLabel(project: Project, event: Event): string {
  const arm = project.arms.find((a) => a.num === event.armNum)
  return `${event.name} (Arm ${String(event.armNum)}: ${arm?.name ?? ''})`
}

interface Located {
  event: Event
  repeatInstrument: string
  instance: number | null
}

export function importRecords(
  project: Project,
  rows: readonly Readonly<Record<string, string>>[],
  options: ImportOptions,
): ImportResult {
  const idField = recordIdField(project)
  const columns = new Set(rows.flatMap((r) => Object.keys(r)))
  if (rows.length > 0 && !columns.has(idField))
    throw badRequest(`The record id field (${idField}) is missing.`)
  const targets = columnTargets(project)
  const unknown = [...columns].filter((c) => !ROW_KEYS.includes(c) && !targets.has(c))
  if (unknown.length > 0)
    throw badRequest(
      `The following fields were not found in the project as real data fields: ${unknown.join(', ')}`,
    )

  const errors: string[] = []
  const located: (Located | null)[] = rows.map((row) => {
    const record = row[idField] ?? ''
    if (record.trim() === '') {
      errors.push(quoteLine('', idField, '', 'The record name cannot be empty.'))
      return null
    }
    const at = locate(project, row, record, errors)
    if (at) checkValues(project, row, record, at, targets, options, errors)
    return at
  })
  if (errors.length > 0) throw badRequest(errors.join('\n'))

  const renamed = new Map<string, string>()
  const autoIds: [string, string][] = []
  const ids: string[] = []
  rows.forEach((row, i) => {
    const at = located[i]
    if (!at) return
    const original = (row[idField] ?? '').trim()
    let id = original
    if (options.forceAutoNumber) {
      const known = renamed.get(original)
      id = known ?? nextRecordName(project, options.dagId)
      if (!known) {
        renamed.set(original, id)
        autoIds.push([id, original])
      }
    }
    if (!ids.includes(id)) ids.push(id)
    const isNew = !project.records.has(id)
    const entry = ensureRecord(project, id, options.now)
    if (isNew) entry.dagId = options.dagId
    entry.modifiedAt = options.now
    const target = ensureRow(entry, at.event.id, at.repeatInstrument, at.instance)
    const dag = row.redcap_data_access_group
    if (dag !== undefined && dag !== '' && options.dagId === null)
      entry.dagId = project.dags.find((d) => d.uniqueName === dag)?.id ?? entry.dagId
    target.values.set(idField, id)
    writeValues(row, target, targets, options)
  })
  return { ids, autoIds }
}

function locate(
  project: Project,
  row: Readonly<Record<string, string>>,
  record: string,
  errors: string[],
): Located | null {
  let event = project.events[0]
  if (project.settings.isLongitudinal) {
    const name = (row.redcap_event_name ?? '').trim()
    event = eventByUniqueName(project, name)
    if (!event) {
      errors.push(
        quoteLine(
          record,
          'redcap_event_name',
          name,
          'The event name is not a valid unique event name for this project.',
        ),
      )
      return null
    }
  }
  if (!event) return null
  const repeatInstrument = (row.redcap_repeat_instrument ?? '').trim()
  const rawInstance = (row.redcap_repeat_instance ?? '').trim()
  const lines = errors.length
  if (repeatInstrument !== '' && !isRepeatingForm(project, event.id, repeatInstrument)) {
    errors.push(
      quoteLine(
        record,
        'redcap_repeat_instrument',
        repeatInstrument,
        'redcap_repeat_instrument must be the unique form name of a Repeating Instrument. It currently does not match the unique form name of any Repeating Instruments.  Please fix this in the data import file and try again.',
      ),
    )
  }
  const repeats =
    (repeatInstrument !== '' && errors.length === lines) || isRepeatingEvent(project, event.id)
  if (!repeats && rawInstance !== '') {
    errors.push(
      quoteLine(
        record,
        'redcap_repeat_instance',
        rawInstance,
        'redcap_repeat_instance cannot have a value since this instrument or event is not a repeating instrument or repeating event, respectively.  The redcap_repeat_instance field must be left blank for this row of data.',
      ),
    )
  }
  if (errors.length > lines) return null
  const instance = repeats ? Math.max(1, Number.parseInt(rawInstance, 10) || 1) : null
  return { event, repeatInstrument: repeats ? repeatInstrument : '', instance }
}

function checkValues(
  project: Project,
  row: Readonly<Record<string, string>>,
  record: string,
  at: Located,
  targets: Map<string, Target>,
  options: ImportOptions,
  errors: string[],
): void {
  const forms = formsOfEvent(project, at.event.id)
  for (const [column, raw] of Object.entries(row)) {
    const target = targets.get(column)
    if (!target || target.kind === 'ignored' || raw === '') continue
    if (target.kind === 'dag') {
      if (!project.dags.some((d) => d.uniqueName === raw))
        errors.push(quoteLine(record, column, raw, 'The value is not a valid Data Access Group.'))
      continue
    }
    const form = target.kind === 'complete' ? target.form : target.field.form
    if (!forms.includes(form)) {
      errors.push(
        quoteLine(
          record,
          column,
          raw,
          `This field ('${column}') exists on an instrument that is not designated for the event named '${eventLabel(project, at.event)}'. You are not allowed to import data for this field into this event.`,
        ),
      )
      continue
    }
    const problem =
      target.kind === 'checkbox'
        ? checkboxProblem(raw)
        : target.kind === 'complete'
          ? completeProblem(target.form, raw)
          : valueProblem(target.field, normalizeDate(raw, options.dateFormat))
    if (problem) errors.push(quoteLine(record, column, raw, problem))
  }
}

function writeValues(
  row: Readonly<Record<string, string>>,
  target: RecordRow,
  targets: Map<string, Target>,
  options: ImportOptions,
): void {
  for (const [column, raw] of Object.entries(row)) {
    const t = targets.get(column)
    if (!t || t.kind === 'ignored' || t.kind === 'dag') continue
    if (raw === '' && !options.overwrite) continue
    if (t.kind === 'checkbox') {
      const codes = target.checked.get(t.field.name) ?? new Set<string>()
      if (raw === '1') codes.add(t.code)
      else codes.delete(t.code)
      target.checked.set(t.field.name, codes)
    } else if (t.kind === 'complete') target.values.set(column, raw)
    else if (t.field.type !== 'file' && (t.field.type !== 'calc' || options.keepCalculated))
      target.values.set(t.field.name, normalizeDate(raw, options.dateFormat))
  }
}
