/**
 * Records to export rows, flat (one row per record-event-instance) or EAV (one row per value).
 * A row's cells are blank for forms that do not belong to it: forms not designated for its event,
 * repeating forms on the non-repeating row, other forms on a repeating form's row.
 */
import type { Project, RecordEntry, RecordRow } from '../model.js'
import {
  choicesOf,
  COMPLETE_CHOICES,
  formsOfEvent,
  isRepeatingEvent,
  isRepeatingForm,
  recordIdField,
} from '../project-shape.js'
import type { Cell } from '../wire/reply.js'
import { eventLabel } from './ingest.js'
import { columnName, type Column, type ExportColumns } from './columns.js'

export interface ValueOptions {
  readonly labels: boolean
  readonly checkboxLabels: boolean
  readonly blankGrayStatus: boolean
  readonly decimalComma: boolean
}

/** Whether `form` belongs on `row`. */
export function formOnRow(project: Project, row: RecordRow, form: string): boolean {
  if (!formsOfEvent(project, row.eventId).includes(form)) return false
  if (row.repeatInstrument !== '') return row.repeatInstrument === form
  if (isRepeatingEvent(project, row.eventId)) return true
  return !isRepeatingForm(project, row.eventId, form)
}

function label(pairs: [string, string][], value: string): string {
  return pairs.find(([code]) => code === value)?.[1] ?? value
}

/** One cell of a flat row. */
export function cellValue(
  project: Project,
  entry: RecordEntry,
  row: RecordRow,
  column: Column,
  options: ValueOptions,
): Cell {
  const event = project.events.find((e) => e.id === row.eventId)
  switch (column.kind) {
    case 'record':
      return entry.id
    case 'event':
      return event ? (options.labels ? eventLabel(project, event) : event.uniqueName) : ''
    case 'repeatInstrument':
      return options.labels
        ? (project.forms.find((f) => f.name === row.repeatInstrument)?.label ?? '')
        : row.repeatInstrument
    case 'repeatInstance':
      return row.instance ?? ''
    case 'dag': {
      const dag = project.dags.find((d) => d.id === entry.dagId)
      return dag ? (options.labels ? dag.name : dag.uniqueName) : ''
    }
    case 'surveyIdentifier':
      return [...row.surveys.values()][0]?.identifier ?? ''
    case 'timestamp':
      return formOnRow(project, row, column.form)
        ? (row.surveys.get(column.form)?.timestamp ?? '')
        : ''
    case 'complete': {
      if (!formOnRow(project, row, column.form)) return ''
      const stored = row.values.get(columnName(project, column)) ?? ''
      const value = stored === '' ? (options.blankGrayStatus ? '' : '0') : stored
      return options.labels && value !== '' ? label(COMPLETE_CHOICES, value) : value
    }
    case 'checkbox': {
      if (!formOnRow(project, row, column.field.form)) return ''
      const checked = row.checked.get(column.field.name)?.has(column.code) ?? false
      if (!options.labels) return checked ? '1' : '0'
      if (options.checkboxLabels) return checked ? column.label : ''
      return checked ? 'Checked' : 'Unchecked'
    }
    case 'field':
      if (!formOnRow(project, row, column.field.form)) return ''
      return fieldValue(project, row, column.field.name, options)
  }
}

function fieldValue(project: Project, row: RecordRow, name: string, options: ValueOptions) {
  const field = project.fields.find((f) => f.name === name)
  const value = row.values.get(name) ?? ''
  if (!field || value === '') return value
  if (field.type === 'file') return project.docs.get(Number(value))?.name ?? ''
  if (options.labels && choicesOf(field).length > 0) return label(choicesOf(field), value)
  const numeric = field.type === 'calc' || /^(number|integer)/.test(field.validation)
  return options.decimalComma && numeric ? value.replace('.', ',') : value
}

/** Whether a row shows up: it carries the record-ID field (non-repeating rows) or a selected form. */
export function rowSelected(project: Project, row: RecordRow, selection: ExportColumns): boolean {
  if (selection.withRecordId && row.repeatInstrument === '') return true
  const idField = recordIdField(project)
  return (
    selection.fields.some((f) => f.name !== idField && formOnRow(project, row, f.form)) ||
    [...selection.completes].some((form) => formOnRow(project, row, form))
  )
}

/** EAV pairs for one record row, in column order: one per non-blank value, one per checked code. */
export function eavValues(
  project: Project,
  entry: RecordEntry,
  row: RecordRow,
  selection: ExportColumns,
  options: ValueOptions,
): [string, string][] {
  const out: [string, string][] = []
  for (const column of selection.columns) {
    if (column.kind === 'record') {
      if (row.repeatInstrument === '') out.push([recordIdField(project), entry.id])
    } else if (column.kind === 'checkbox') {
      if (
        formOnRow(project, row, column.field.form) &&
        row.checked.get(column.field.name)?.has(column.code)
      )
        out.push([column.field.name, options.labels ? column.label : column.code])
    } else if (column.kind === 'field' || column.kind === 'complete') {
      const form = column.kind === 'field' ? column.field.form : column.form
      const stored = row.values.get(columnName(project, column)) ?? ''
      if (stored !== '' && formOnRow(project, row, form))
        out.push([
          columnName(project, column),
          String(cellValue(project, entry, row, column, options)),
        ])
    }
  }
  return out
}
