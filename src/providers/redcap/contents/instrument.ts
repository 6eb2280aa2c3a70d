/** `content=instrument`: the project's instruments in order, `instrument_name` and label. */
import { tableReply } from '../wire/reply.js'
import { tableFormat, type ContentDef, type ProjectCall } from './types.js'

function exportInstruments(call: ProjectCall) {
  const rows = call.project.forms.map((f) => ({
    instrument_name: f.name,
    instrument_label: f.label,
  }))
  return tableReply(tableFormat(call), rows, { columns: ['instrument_name', 'instrument_label'] })
}

const instrument: ContentDef = {
  content: 'instrument',
  action: { from: 'data' },
  actions: { export: { run: exportInstruments } },
}
export default instrument
