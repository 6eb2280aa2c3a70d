/**
 * `content=file` (protocol notes §2.4): export, import (multipart part `file`) and delete the file
 * in one file-upload field of one record, event and repeat instance. Downloads go out with the
 * file's name in the Content-Type and scripts switched off; imports and deletes answer 200 with an
 * empty body. Each change is logged against the record.
 */
import { DOWNLOAD_HEADERS, downloadContentType, storeDoc } from '../state/stored-files.js'
import { appendLog } from '../state/logging.js'
import { badRequest, MSG } from '../wire/messages.js'
import type { Field, RecordEntry } from '../state/model.js'
import {
  eventByUniqueName,
  fieldByName,
  formsOfEvent,
  isRepeatingEvent,
  isRepeatingForm,
} from '../state/project-shape.js'
import { ensureRow, findRow } from '../state/records/store.js'
import { REQUIRE } from '../state/rights.js'
import { redcapTime } from '../wire/time.js'
import { CONTENT_TYPES } from '../wire/format.js'
import type { Reply } from '../wire/reply.js'
import { FILE_ACTIONS, type ContentDef, type ProjectCall } from './types.js'

interface Slot {
  readonly entry: RecordEntry
  readonly field: Field
  readonly eventId: number
  readonly repeatInstrument: string
  readonly instance: number | null
}

/** The field, then the record (visible to the caller's DAG), then the event, then the instance. */
function locate(call: ProjectCall, upload: boolean): Slot {
  const { project, params, access } = call
  const name = params.text('field')
  const field = fieldByName(project, name)
  if (field?.type !== 'file') throw badRequest(MSG.notFileField(name))
  const record = params.text('record')
  const entry = project.records.get(record)
  if (!entry || (access.dagId !== null && entry.dagId !== access.dagId))
    throw badRequest(upload ? MSG.noRecordForUpload(record) : MSG.noRecord(record))
  const event = project.settings.isLongitudinal
    ? eventByUniqueName(project, params.text('event'))
    : project.events[0]
  if (!event || !formsOfEvent(project, event.id).includes(field.form))
    throw badRequest(MSG.invalidEvent)
  const instance = Math.max(1, Number.parseInt(params.text('repeat_instance'), 10) || 1)
  if (isRepeatingForm(project, event.id, field.form))
    return { entry, field, eventId: event.id, repeatInstrument: field.form, instance }
  if (isRepeatingEvent(project, event.id))
    return { entry, field, eventId: event.id, repeatInstrument: '', instance }
  return { entry, field, eventId: event.id, repeatInstrument: '', instance: null }
}

function storedDocId(slot: Slot): number | undefined {
  const row = findRow(slot.entry, slot.eventId, slot.repeatInstrument, slot.instance)
  const value = row?.values.get(slot.field.name) ?? ''
  return value === '' ? undefined : Number(value)
}

function emptyReply(call: ProjectCall): Reply {
  return { body: '', contentType: CONTENT_TYPES[call.returnFormat] }
}

function logChange(call: ProjectCall, slot: Slot, value: string): void {
  slot.entry.modifiedAt = redcapTime(call.deps.clock)
  appendLog(call, {
    action: `Update record (API) ${slot.entry.id}`,
    details: `${slot.field.name} = '${value}'`,
    record: slot.entry.id,
    type: 'record_edit',
  })
}

function exportFile(call: ProjectCall): Reply {
  const slot = locate(call, false)
  const id = storedDocId(slot)
  const doc = id === undefined ? undefined : call.project.docs.get(id)
  if (!doc) throw badRequest(MSG.noFileToDownload)
  return {
    body: new Uint8Array(doc.bytes),
    contentType: downloadContentType(doc),
    headers: DOWNLOAD_HEADERS,
  }
}

function importFile(call: ProjectCall): Reply {
  const file = call.params.files.get('file')
  if (!file || file.name === '') throw badRequest(MSG.noValidFile)
  const slot = locate(call, true)
  const old = storedDocId(slot)
  if (old !== undefined) call.project.docs.delete(old)
  const doc = storeDoc(call.state, call.project, {
    name: file.name,
    mimeType: file.type,
    bytes: file.bytes,
  })
  const row = ensureRow(slot.entry, slot.eventId, slot.repeatInstrument, slot.instance)
  row.values.set(slot.field.name, String(doc.id))
  logChange(call, slot, String(doc.id))
  return emptyReply(call)
}

function deleteFile(call: ProjectCall): Reply {
  const slot = locate(call, false)
  const id = storedDocId(slot)
  if (id === undefined) throw badRequest(MSG.noFileToDelete)
  call.project.docs.delete(id)
  findRow(slot.entry, slot.eventId, slot.repeatInstrument, slot.instance)?.values.delete(
    slot.field.name,
  )
  logChange(call, slot, '')
  return emptyReply(call)
}

const file: ContentDef = {
  content: 'file',
  action: { from: 'param', allowed: FILE_ACTIONS },
  actions: {
    export: { requires: [REQUIRE.dataExport], run: exportFile },
    import: { requires: [REQUIRE.notInAnalysisUpload], run: importFile },
    delete: { run: deleteFile },
  },
}
export default file
