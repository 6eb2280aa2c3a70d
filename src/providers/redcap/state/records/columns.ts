/**
 * Which columns a record export has, in REDCap's order (protocol notes §2.1): the record-ID field;
 * `redcap_event_name` (longitudinal); `redcap_repeat_instrument` and `redcap_repeat_instance`
 * (projects with repeating setup); `redcap_data_access_group` and `redcap_survey_identifier` when
 * asked for; then per form its `<form>_timestamp` (surveys, when asked for), fields and
 * `<form>_complete`. The special columns appear only with the record-ID field, as in REDCap.
 */
import type { Field, Project } from '../model.js'
import { badRequest, MSG, rejectUnknown } from '../../wire/messages.js'
import {
  checkboxColumn,
  choicesOf,
  completeField,
  fieldByName,
  hasRepeating,
  isDataField,
  recordIdField,
} from '../project-shape.js'

export type Column =
  | { kind: 'record' }
  | { kind: 'event' }
  | { kind: 'repeatInstrument' }
  | { kind: 'repeatInstance' }
  | { kind: 'dag' }
  | { kind: 'surveyIdentifier' }
  | { kind: 'timestamp'; form: string }
  | { kind: 'field'; field: Field }
  | { kind: 'checkbox'; field: Field; code: string; label: string }
  | { kind: 'complete'; form: string }

export interface ColumnRequest {
  readonly fields: readonly string[]
  readonly forms: readonly string[]
  readonly surveyFields: boolean
  readonly dagColumn: boolean
}

export interface ExportColumns {
  readonly columns: readonly Column[]
  /** The data fields selected (checkbox fields once), for EAV and filtering. */
  readonly fields: readonly Field[]
  readonly completes: ReadonlySet<string>
  readonly withRecordId: boolean
}

function isValidFieldName(project: Project, name: string): boolean {
  return (
    fieldByName(project, name) !== undefined ||
    project.forms.some((f) => completeField(f.name) === name)
  )
}

export function selectColumns(project: Project, request: ColumnRequest): ExportColumns {
  rejectUnknown('fields', request.fields, (f) => isValidFieldName(project, f))
  rejectUnknown('forms', request.forms, (f) => project.forms.some((x) => x.name === f))

  const all = request.fields.length === 0 && request.forms.length === 0
  const formSet = new Set(all ? project.forms.map((f) => f.name) : request.forms)
  const named = new Set(request.fields)
  const fields = project.fields.filter(
    (f) => isDataField(f) && (formSet.has(f.form) || named.has(f.name)),
  )
  if (
    !all &&
    fields.length === 0 &&
    request.forms.length === 0 &&
    ![...named].some((n) => n.endsWith('_complete'))
  )
    throw badRequest(MSG.onlyDescriptive)
  const completes = new Set(
    project.forms
      .map((f) => f.name)
      .filter((form) => formSet.has(form) || named.has(completeField(form))),
  )
  const idField = recordIdField(project)
  const withRecordId = fields.some((f) => f.name === idField)
  const surveyForms = new Set(
    project.settings.surveysEnabled ? project.surveys.map((s) => s.form) : [],
  )

  const columns: Column[] = []
  if (withRecordId) {
    columns.push({ kind: 'record' })
    if (project.settings.isLongitudinal) columns.push({ kind: 'event' })
    if (hasRepeating(project))
      columns.push({ kind: 'repeatInstrument' }, { kind: 'repeatInstance' })
    if (request.dagColumn) columns.push({ kind: 'dag' })
    if (request.surveyFields && surveyForms.size > 0) columns.push({ kind: 'surveyIdentifier' })
  }
  for (const form of project.forms) {
    const formFields = fields.filter((f) => f.form === form.name && f.name !== idField)
    const inForm = formFields.length > 0 || completes.has(form.name)
    if (request.surveyFields && surveyForms.has(form.name) && inForm && withRecordId)
      columns.push({ kind: 'timestamp', form: form.name })
    for (const field of formFields) {
      if (field.type === 'checkbox')
        for (const [code, label] of choicesOf(field))
          columns.push({ kind: 'checkbox', field, code, label })
      else columns.push({ kind: 'field', field })
    }
    if (completes.has(form.name)) columns.push({ kind: 'complete', form: form.name })
  }
  return { columns, fields, completes, withRecordId }
}

const SPECIAL_NAMES: Readonly<Record<string, string>> = {
  event: 'redcap_event_name',
  repeatInstrument: 'redcap_repeat_instrument',
  repeatInstance: 'redcap_repeat_instance',
  dag: 'redcap_data_access_group',
  surveyIdentifier: 'redcap_survey_identifier',
}

const SPECIAL_LABELS: Readonly<Record<string, string>> = {
  event: 'Event Name',
  repeatInstrument: 'Repeat Instrument',
  repeatInstance: 'Repeat Instance',
  dag: 'Data Access Group',
  surveyIdentifier: 'Survey Identifier',
}

export function columnName(project: Project, column: Column): string {
  switch (column.kind) {
    case 'record':
      return recordIdField(project)
    case 'timestamp':
      return `${column.form}_timestamp`
    case 'field':
      return column.field.name
    case 'checkbox':
      return checkboxColumn(column.field.name, column.code)
    case 'complete':
      return completeField(column.form)
    default:
      return SPECIAL_NAMES[column.kind] ?? column.kind
  }
}

/** `rawOrLabelHeaders=label`: field labels, `Label (choice=Choice)` for checkboxes. */
export function columnLabel(project: Project, column: Column): string {
  const strip = (s: string) => s.replace(/<[^>]*>/g, '')
  switch (column.kind) {
    case 'record':
      return strip(project.fields[0]?.label ?? '')
    case 'timestamp':
      return 'Survey Timestamp'
    case 'field':
      return strip(column.field.label)
    case 'checkbox':
      return `${strip(column.field.label)} (choice=${strip(column.label)})`
    case 'complete':
      return 'Complete?'
    default:
      return SPECIAL_LABELS[column.kind] ?? column.kind
  }
}
