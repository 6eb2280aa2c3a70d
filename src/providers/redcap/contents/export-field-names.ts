/**
 * `content=exportFieldNames`: each field's export column names (checkboxes one per choice),
 * `<form>_complete` after each form; descriptive fields are not listed. `field` narrows it to one
 * field (400 "Invalid field" when unknown).
 */
import { badRequest } from '../wire/messages.js'
import type { Field, Project } from '../state/model.js'
import { checkboxColumn, choicesOf, completeField, isDataField } from '../state/project-shape.js'
import { tableReply, type Row } from '../wire/reply.js'
import { tableFormat, type ContentDef, type ProjectCall } from './types.js'

function namesOf(field: Field): Row[] {
  if (field.type !== 'checkbox')
    return [{ original_field_name: field.name, choice_value: '', export_field_name: field.name }]
  return choicesOf(field).map(([code]) => ({
    original_field_name: field.name,
    choice_value: code,
    export_field_name: checkboxColumn(field.name, code),
  }))
}

function allNames(project: Project): Row[] {
  const rows: Row[] = []
  for (const form of project.forms) {
    for (const field of project.fields.filter((f) => f.form === form.name && isDataField(f)))
      rows.push(...namesOf(field))
    const complete = completeField(form.name)
    rows.push({ original_field_name: complete, choice_value: '', export_field_name: complete })
  }
  return rows
}

function exportFieldNames(call: ProjectCall) {
  const wanted = call.params.text('field')
  let rows = allNames(call.project)
  if (wanted !== '') {
    rows = rows.filter((r) => r.original_field_name === wanted)
    if (rows.length === 0) throw badRequest('Invalid field')
  }
  return tableReply(tableFormat(call), rows, {
    columns: ['original_field_name', 'choice_value', 'export_field_name'],
  })
}

const exportFieldNamesContent: ContentDef = {
  content: 'exportFieldNames',
  action: { from: 'data' },
  actions: { export: { run: exportFieldNames } },
}
export default exportFieldNamesContent
