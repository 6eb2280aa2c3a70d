/**
 * `ClinicalData` of project XML: per record `SubjectData`, per event `StudyEventData` (longitudinal
 * only), per form `FormData` with one `ItemGroupData`; checkboxes as `field___code` 0/1 items,
 * files as `ItemDataBase64Binary` when asked for.
 */
import type { Project, RecordRow } from '../../state/model.js'
import {
  checkboxColumn,
  choicesOf,
  completeField,
  recordIdField,
} from '../../state/project-shape.js'
import { formOnRow } from '../../state/records/flatten.js'
import { orderedRows, sortedRecords } from '../../state/records/store.js'
import { xmlEscape as esc } from '../xml.js'

export interface ClinicalOptions {
  /** Records to include; null for all. */
  readonly records: readonly string[] | null
  readonly files: boolean
  readonly dags: boolean
}

function base64(bytes: Uint8Array): string {
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return btoa(binary)
}

function formItems(
  project: Project,
  row: RecordRow,
  form: string,
  id: string,
  files: boolean,
): string {
  const idField = recordIdField(project)
  let out = ''
  for (const field of project.fields.filter((f) => f.form === form)) {
    if (field.type === 'descriptive') continue
    if (field.name === idField) {
      out += `\t\t\t\t\t<ItemData ItemOID="${idField}" Value="${esc(id)}"/>\n`
      continue
    }
    if (field.type === 'checkbox') {
      const codes = row.checked.get(field.name) ?? new Set<string>()
      for (const [code] of choicesOf(field))
        out += `\t\t\t\t\t<ItemData ItemOID="${checkboxColumn(field.name, code)}" Value="${codes.has(code) ? '1' : '0'}"/>\n`
      continue
    }
    const value = row.values.get(field.name) ?? ''
    if (value === '') continue
    if (field.type === 'file') {
      const doc = project.docs.get(Number(value))
      if (!doc) continue
      const body = files ? `<![CDATA[${base64(doc.bytes)}]]>` : ''
      out += `\t\t\t\t\t<ItemDataBase64Binary ItemOID="${field.name}" redcap:DocName="${esc(doc.name)}" redcap:MimeType="${esc(doc.mimeType)}">${body}</ItemDataBase64Binary>\n`
      continue
    }
    out += `\t\t\t\t\t<ItemData ItemOID="${field.name}" Value="${esc(value)}"/>\n`
  }
  const complete = row.values.get(completeField(form)) ?? ''
  if (complete !== '')
    out += `\t\t\t\t\t<ItemData ItemOID="${completeField(form)}" Value="${complete}"/>\n`
  return out
}

export function writeClinicalData(
  project: Project,
  studyOid: string,
  metaOid: string,
  options: ClinicalOptions,
): string {
  const idField = recordIdField(project)
  const longitudinal = project.settings.isLongitudinal
  let out = `<ClinicalData StudyOID="${esc(studyOid)}" MetaDataVersionOID="${esc(metaOid)}">\n`
  for (const entry of sortedRecords(project)) {
    if (options.records !== null && !options.records.includes(entry.id)) continue
    const dag = project.dags.find((d) => d.id === entry.dagId)
    const dagAttr = options.dags && dag ? ` redcap:DataAccessGroup="${dag.uniqueName}"` : ''
    out += `\t<SubjectData SubjectKey="${esc(entry.id)}" redcap:RecordIdField="${idField}"${dagAttr}>\n`
    for (const row of orderedRows(project, entry)) {
      const event = project.events.find((e) => e.id === row.eventId)
      const eventKey =
        row.repeatInstrument === '' && row.instance !== null ? String(row.instance) : '1'
      if (longitudinal && event)
        out += `\t\t<StudyEventData StudyEventOID="Event.${event.uniqueName}" StudyEventRepeatKey="${eventKey}" redcap:UniqueEventName="${event.uniqueName}">\n`
      for (const form of project.forms) {
        if (!formOnRow(project, row, form.name)) continue
        const items = formItems(project, row, form.name, entry.id, options.files)
        if (items === '') continue
        const formKey = row.repeatInstrument !== '' ? String(row.instance ?? 1) : '1'
        const first = project.fields.find((f) => f.form === form.name)?.name ?? form.name
        out += `\t\t\t<FormData FormOID="Form.${form.name}" FormRepeatKey="${formKey}">\n\t\t\t\t<ItemGroupData ItemGroupOID="${form.name}.${first}" ItemGroupRepeatKey="1">\n${items}\t\t\t\t</ItemGroupData>\n\t\t\t</FormData>\n`
      }
      if (longitudinal && event) out += `\t\t</StudyEventData>\n`
    }
    out += `\t</SubjectData>\n`
  }
  return `${out}</ClinicalData>\n`
}
