/**
 * `ClinicalData` → flat import rows: one per record, event and repeat instance, keyed by the
 * export column names (`field___code` for checkboxes), with the file uploads found in
 * `ItemDataBase64Binary` kept aside.
 */
import type { Field } from '../../state/model.js'
import { attr, list, text, type Node } from './nodes.js'

export interface OdmFile {
  readonly row: number
  readonly field: string
  readonly name: string
  readonly mimeType: string
  readonly bytes: Uint8Array<ArrayBuffer>
}

interface Repeat {
  readonly event: string
  readonly form: string
}

function base64(data: string): Uint8Array<ArrayBuffer> {
  const binary = atob(data.replace(/\s+/g, ''))
  const out = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i)
  return out
}

export function readClinicalData(
  doc: Node,
  fields: readonly Field[],
  longitudinal: boolean,
  repeating: readonly Repeat[],
): { rows: Record<string, string>[]; files: OdmFile[] } {
  const clinical = (doc.ODM as Node).ClinicalData as Node | undefined
  const idField = fields[0]?.name ?? 'record_id'
  const known = new Set(fields.map((f) => f.name))
  const rows = new Map<string, Record<string, string>>()
  const files: OdmFile[] = []
  for (const subject of list(clinical, 'SubjectData')) {
    const record = attr(subject, 'SubjectKey')
    const dag = attr(subject, 'redcap:DataAccessGroup')
    const studyEvents = list(subject, 'StudyEventData')
    const eventNodes = studyEvents.length > 0 ? studyEvents : [subject]
    for (const eventNode of eventNodes) {
      const event = longitudinal ? attr(eventNode, 'redcap:UniqueEventName') : ''
      const eventRepeats = repeating.some((r) => r.event === event && r.form === '')
      for (const formNode of list(eventNode, 'FormData')) {
        const form = attr(formNode, 'FormOID').replace(/^Form\./, '')
        const formRepeats = repeating.some(
          (r) => r.form === form && (r.event === event || !longitudinal),
        )
        const instance = formRepeats
          ? attr(formNode, 'FormRepeatKey') || '1'
          : eventRepeats
            ? attr(eventNode, 'StudyEventRepeatKey') || '1'
            : ''
        const repeatForm = formRepeats ? form : ''
        const key = [record, event, repeatForm, instance].join('\u0000')
        let row = rows.get(key)
        if (!row) {
          row = { [idField]: record }
          if (longitudinal) row.redcap_event_name = event
          if (repeating.length > 0) {
            row.redcap_repeat_instrument = repeatForm
            row.redcap_repeat_instance = instance
          }
          if (dag !== '') row.redcap_data_access_group = dag
          rows.set(key, row)
        }
        const index = [...rows.keys()].indexOf(key)
        for (const group of list(formNode, 'ItemGroupData')) {
          for (const item of list(group, 'ItemData')) {
            const oid = attr(item, 'ItemOID')
            const base = oid.replace(/___.*$/, '')
            if (known.has(base) || oid === `${form}_complete`) row[oid] = attr(item, 'Value')
          }
          for (const item of list(group, 'ItemDataBase64Binary')) {
            const bytes = base64(text(item))
            if (bytes.length === 0) continue
            files.push({
              row: index,
              field: attr(item, 'ItemOID'),
              name: attr(item, 'redcap:DocName'),
              mimeType: attr(item, 'redcap:MimeType'),
              bytes,
            })
          }
        }
      }
    }
  }
  return { rows: [...rows.values()], files }
}
