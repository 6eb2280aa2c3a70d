/**
 * Records to export rows, flat (one row per record-event-instance) or EAV (one row per value).
 * A row's cells are blank for forms that do not belong to it: forms not designated for its event,
 * repeating forms on the non-repeating row, other forms on a repeating form's row.
 *
 * An export reads thousands of cells, so a `Flattener` works out once what each cell would
 * otherwise look up again (the row's event, the forms on it, a field's choices) and turns each
 * column into a reader before the first row.
 */
import type { Field, Project, RecordEntry, RecordRow } from '../model.js'
import {
  choicesOf,
  COMPLETE_CHOICES,
  completeField,
  formsOfEvent,
  isRepeatingEvent,
  isRepeatingForm,
  recordIdField,
} from '../project-shape.js'
import type { Cell } from '../../wire/reply.js'
import { eventLabel } from './ingest.js'
import { columnName, type Column, type ExportColumns } from './columns.js'

export interface ValueOptions {
  readonly labels: boolean
  readonly checkboxLabels: boolean
  readonly blankGrayStatus: boolean
  readonly decimalComma: boolean
}

/** Which forms an event holds and which of them repeat. */
interface EventForms {
  readonly forms: ReadonlySet<string>
  readonly repeatingEvent: boolean
  readonly repeatingForm: (form: string) => boolean
}

function eventForms(project: Project, eventId: number): EventForms {
  return {
    forms: new Set(formsOfEvent(project, eventId)),
    repeatingEvent: isRepeatingEvent(project, eventId),
    repeatingForm: (form) => isRepeatingForm(project, eventId, form),
  }
}

function placed(event: EventForms, row: RecordRow, form: string): boolean {
  if (!event.forms.has(form)) return false
  if (row.repeatInstrument !== '') return row.repeatInstrument === form
  return event.repeatingEvent || !event.repeatingForm(form)
}

/** Whether `form` belongs on `row`. */
export function formOnRow(project: Project, row: RecordRow, form: string): boolean {
  return placed(eventForms(project, row.eventId), row, form)
}

function label(pairs: readonly [string, string][], value: string): string {
  return pairs.find(([code]) => code === value)?.[1] ?? value
}

type CellReader = (entry: RecordEntry, row: RecordRow) => Cell

/** One export's rows: which rows show up, their flat cells and their EAV pairs. */
export class Flattener {
  private readonly events = new Map<number, EventForms>()
  private readonly readers: readonly CellReader[]

  constructor(
    private readonly project: Project,
    private readonly selection: ExportColumns,
    private readonly options: ValueOptions,
  ) {
    this.readers = selection.columns.map((column) => this.reader(column))
  }

  /** Whether `form` belongs on `row` (as `formOnRow`, with each event worked out once). */
  onRow(row: RecordRow, form: string): boolean {
    let event = this.events.get(row.eventId)
    if (!event) {
      event = eventForms(this.project, row.eventId)
      this.events.set(row.eventId, event)
    }
    return placed(event, row, form)
  }

  /** Whether a row shows up: it carries the record-ID field (non-repeating rows) or a selected form. */
  rowSelected(row: RecordRow): boolean {
    const { project, selection } = this
    if (selection.withRecordId && row.repeatInstrument === '') return true
    const idField = recordIdField(project)
    if (selection.fields.some((f) => f.name !== idField && this.onRow(row, f.form))) return true
    for (const form of selection.completes) if (this.onRow(row, form)) return true
    return false
  }

  /** The cells of a flat row, in column order. */
  cells(entry: RecordEntry, row: RecordRow): Cell[] {
    return this.readers.map((read) => read(entry, row))
  }

  /** EAV pairs for one record row, in column order: one per non-blank value, one per checked code. */
  eav(entry: RecordEntry, row: RecordRow): [string, string][] {
    const { project, options } = this
    const out: [string, string][] = []
    this.selection.columns.forEach((column, i) => {
      if (column.kind === 'record') {
        if (row.repeatInstrument === '') out.push([recordIdField(project), entry.id])
      } else if (column.kind === 'checkbox') {
        if (
          this.onRow(row, column.field.form) &&
          row.checked.get(column.field.name)?.has(column.code)
        )
          out.push([column.field.name, options.labels ? column.label : column.code])
      } else if (column.kind === 'field' || column.kind === 'complete') {
        const form = column.kind === 'field' ? column.field.form : column.form
        const name = columnName(project, column)
        const stored = row.values.get(name) ?? ''
        if (stored !== '' && this.onRow(row, form))
          out.push([name, String(this.readers[i]?.(entry, row))])
      }
    })
    return out
  }

  private reader(column: Column): CellReader {
    const { project, options } = this
    switch (column.kind) {
      case 'record':
        return (entry) => entry.id
      case 'event': {
        const events = new Map<number, string>()
        for (const e of [...project.events].reverse())
          events.set(e.id, options.labels ? eventLabel(project, e) : e.uniqueName)
        return (_, row) => events.get(row.eventId) ?? ''
      }
      case 'repeatInstrument':
        return options.labels
          ? (_, row) => project.forms.find((f) => f.name === row.repeatInstrument)?.label ?? ''
          : (_, row) => row.repeatInstrument
      case 'repeatInstance':
        return (_, row) => row.instance ?? ''
      case 'dag':
        return (entry) => {
          const dag = project.dags.find((d) => d.id === entry.dagId)
          return dag ? (options.labels ? dag.name : dag.uniqueName) : ''
        }
      case 'surveyIdentifier':
        return (_, row) => [...row.surveys.values()][0]?.identifier ?? ''
      case 'timestamp': {
        const { form } = column
        return (_, row) => (this.onRow(row, form) ? (row.surveys.get(form)?.timestamp ?? '') : '')
      }
      case 'complete': {
        const { form } = column
        const name = completeField(form)
        return (_, row) => {
          if (!this.onRow(row, form)) return ''
          const stored = row.values.get(name) ?? ''
          const value = stored === '' ? (options.blankGrayStatus ? '' : '0') : stored
          return options.labels && value !== '' ? label(COMPLETE_CHOICES, value) : value
        }
      }
      case 'checkbox': {
        const { field, code } = column
        const [on, off] = !options.labels
          ? ['1', '0']
          : options.checkboxLabels
            ? [column.label, '']
            : ['Checked', 'Unchecked']
        return (_, row) => {
          if (!this.onRow(row, field.form)) return ''
          return row.checked.get(field.name)?.has(code) ? on : off
        }
      }
      case 'field': {
        const { field } = column
        const value = fieldValue(project, field, options)
        return (_, row) =>
          this.onRow(row, field.form) ? value(row.values.get(field.name) ?? '') : ''
      }
    }
  }
}

/** How a stored value of `field` reads in the export: a file's name, a choice label, a comma. */
function fieldValue(
  project: Project,
  field: Field,
  options: ValueOptions,
): (value: string) => string {
  if (field.type === 'file')
    return (value) => (value === '' ? value : (project.docs.get(Number(value))?.name ?? ''))
  const choices = options.labels ? choicesOf(field) : []
  if (choices.length > 0) return (value) => (value === '' ? value : label(choices, value))
  const numeric = field.type === 'calc' || /^(number|integer)/.test(field.validation)
  return options.decimalComma && numeric ? (value) => value.replace('.', ',') : (value) => value
}
