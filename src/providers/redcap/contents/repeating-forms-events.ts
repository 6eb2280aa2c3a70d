/**
 * `content=repeatingFormsEvents`: the repeating setup (export needs Design: classic projects list
 * `form_name, custom_form_label`; longitudinal ones add `event_name`, with a blank form for a whole
 * repeating event) and its import, which replaces the whole setup (api_228).
 */
import { badRequest, MSG } from '../wire/messages.js'
import { eventByUniqueName, hasRepeating } from '../state/project-shape.js'
import { REQUIRE } from '../state/rights.js'
import { readDataRows } from '../wire/data.js'
import { bareReply, tableReply } from '../wire/reply.js'
import { tableFormat, type ContentDef, type ProjectCall } from './types.js'

function exportRepeating(call: ProjectCall) {
  const { project } = call
  if (!hasRepeating(project)) throw badRequest(MSG.noRepeating)
  const longitudinal = project.settings.isLongitudinal
  const rows = project.repeating.map((r) => ({
    ...(longitudinal
      ? { event_name: project.events.find((e) => e.id === r.eventId)?.uniqueName ?? '' }
      : {}),
    form_name: r.form,
    custom_form_label: r.customLabel,
  }))
  const columns = [...(longitudinal ? ['event_name'] : []), 'form_name', 'custom_form_label']
  return tableReply(tableFormat(call), rows, { columns })
}

function importRepeating(call: ProjectCall) {
  const { project } = call
  const rows = readDataRows(call.format, call.data ?? '')
  const repeating = rows.map((row) => {
    const event = project.settings.isLongitudinal
      ? eventByUniqueName(project, row.event_name ?? '')
      : project.events[0]
    if (!event) throw badRequest(MSG.invalidValues('event_name', [row.event_name ?? '']))
    const form = row.form_name ?? ''
    if (form !== '' && !project.forms.some((f) => f.name === form))
      throw badRequest(MSG.invalidValues('form_name', [form]))
    return { eventId: event.id, form, customLabel: row.custom_form_label ?? '' }
  })
  project.repeating = repeating
  return bareReply(call.returnFormat, repeating.length)
}

const repeatingFormsEvents: ContentDef = {
  content: 'repeatingFormsEvents',
  action: { from: 'data' },
  actions: {
    export: { requires: [REQUIRE.designForExport], run: exportRepeating },
    import: { requires: [REQUIRE.designSetup], run: importRepeating },
  },
}
export default repeatingFormsEvents
