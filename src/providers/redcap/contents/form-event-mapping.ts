/**
 * `content=formEventMapping`: which instruments each event holds (export, `arms` narrows; classic
 * projects are refused) and its import, which replaces the whole mapping (api_124, Development).
 */
import { badRequest, MSG } from '../wire/messages.js'
import { eventByUniqueName, orderedEvents } from '../state/project-shape.js'
import { REQUIRE } from '../state/rights.js'
import { readDataRows } from '../wire/data.js'
import { bareReply, tableReply, type Row } from '../wire/reply.js'
import { tableFormat, type ContentDef, type ProjectCall } from './types.js'

function exportMapping(call: ProjectCall) {
  const { project, params } = call
  if (!project.settings.isLongitudinal) throw badRequest(MSG.classicMapping)
  const arms = params.list('arms').map(Number)
  const rows: Row[] = []
  for (const event of orderedEvents(project)) {
    if (arms.length > 0 && !arms.includes(event.armNum)) continue
    const forms = project.mapping.get(event.id) ?? []
    for (const form of project.forms.filter((f) => forms.includes(f.name)))
      rows.push({ arm_num: event.armNum, unique_event_name: event.uniqueName, form: form.name })
  }
  return tableReply(tableFormat(call), rows, { columns: ['arm_num', 'unique_event_name', 'form'] })
}

function importMapping(call: ProjectCall) {
  const { project } = call
  if (!project.settings.isLongitudinal) throw badRequest(MSG.classicMapping)
  const rows = readDataRows(call.format, call.data ?? '')
  const mapping = new Map<number, string[]>(project.events.map((e) => [e.id, []]))
  for (const row of rows) {
    const event = eventByUniqueName(project, row.unique_event_name ?? '')
    if (!event)
      throw badRequest(MSG.invalidValues('unique_event_name', [row.unique_event_name ?? '']))
    const form = row.form ?? ''
    if (!project.forms.some((f) => f.name === form))
      throw badRequest(MSG.invalidValues('form', [form]))
    const forms = mapping.get(event.id) ?? []
    if (!forms.includes(form)) forms.push(form)
    mapping.set(event.id, forms)
  }
  project.mapping = mapping
  return bareReply(call.returnFormat, rows.length)
}

const formEventMapping: ContentDef = {
  content: 'formEventMapping',
  action: { from: 'data' },
  actions: {
    export: { run: exportMapping },
    import: { requires: [REQUIRE.designForImport, REQUIRE.development], run: importMapping },
  },
}
export default formEventMapping
