/**
 * `content=pdf` (protocol notes §2.4): the data entry forms as a real PDF: blank (no `record`),
 * filled for one `record` (narrowed by `event` and `repeat_instance`), or for every record the
 * caller may see (`allRecords`); `instrument` narrows to one form. Sent as `application/pdf` with
 * the file name in the Content-Type, as file downloads are.
 */
import { DOWNLOAD_HEADERS } from '../state/stored-files.js'
import { appendLog } from '../state/logging.js'
import { badRequest, MSG, rejectUnknown } from '../wire/messages.js'
import type { Form, RecordEntry } from '../state/model.js'
import { instrumentPages, type PdfSection } from '../wire/pdf/instrument-pages.js'
import { writePdf } from '../wire/pdf/writer.js'
import { eventByUniqueName, formsOfEvent } from '../state/project-shape.js'
import { formOnRow } from '../state/records/flatten.js'
import { orderedRows, sortedRecords } from '../state/records/store.js'
import type { Reply } from '../wire/reply.js'
import type { ContentDef, ProjectCall } from './types.js'

function recordsWanted(call: ProjectCall): RecordEntry[] | null {
  const { project, params, access } = call
  const visible = (e: RecordEntry) => access.dagId === null || e.dagId === access.dagId
  if (params.flag('allRecords')) return sortedRecords(project).filter(visible)
  const id = params.text('record')
  if (id === '') return null
  const entry = project.records.get(id)
  if (!entry || !visible(entry)) throw badRequest(MSG.noRecord(id))
  return [entry]
}

function sections(call: ProjectCall, forms: readonly Form[]): PdfSection[] {
  const { project, params } = call
  const eventName = params.text('event')
  const event = eventName === '' ? undefined : eventByUniqueName(project, eventName)
  if (project.settings.isLongitudinal && eventName !== '' && !event)
    throw badRequest(MSG.invalidEvent)
  const records = recordsWanted(call)
  const inEvent = (f: Form) => !event || formsOfEvent(project, event.id).includes(f.name)
  const blank = forms.filter(inEvent).map((form) => ({ form, filled: null }))
  if (records === null) return blank
  const instance = params.text('repeat_instance')
  const out: PdfSection[] = []
  for (const entry of records) {
    for (const row of orderedRows(project, entry)) {
      if (event && project.settings.isLongitudinal && row.eventId !== event.id) continue
      if (instance !== '' && row.instance !== null && String(row.instance) !== instance) continue
      for (const form of forms)
        if (formOnRow(project, row, form.name)) out.push({ form, filled: { entry, row } })
    }
  }
  return out.length > 0 ? out : blank
}

function exportPdf(call: ProjectCall): Reply {
  const { project, params, deps } = call
  const instrument = params.text('instrument')
  if (instrument !== '')
    rejectUnknown('instrument', [instrument], (f) => project.forms.some((x) => x.name === f))
  const forms = project.forms.filter((f) => instrument === '' || f.name === instrument)
  const pages = instrumentPages(project, sections(call, forms))
  const body = writePdf(pages.length > 0 ? pages : [[]], {
    title: project.settings.title,
    creationDate: deps.clock.now(),
  })
  const record = params.flag('allRecords')
    ? '_all_records'
    : params.text('record') && `_${params.text('record')}`
  const name = `${instrument || 'instruments'}${record}.pdf`
  appendLog(call, {
    action: 'Data Export',
    details: 'Download data entry form as PDF (API)',
    type: 'export',
  })
  return {
    body: new Uint8Array(body),
    contentType: `application/pdf; name="${name}"`,
    headers: DOWNLOAD_HEADERS,
  }
}

const pdf: ContentDef = {
  content: 'pdf',
  action: { from: 'data' },
  actions: { export: { run: exportPdf } },
}
export default pdf
