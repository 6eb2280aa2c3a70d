/**
 * `content=event`: export (`arms` narrows; day offsets only with scheduling on), import (new events
 * are added; a row naming an existing `unique_event_name` renames that event; `override=1` replaces
 * every event) and delete (`events` array, their data goes too). Design changes need api_124
 * rights and Development status.
 */
import { addEvent, removeEvents, renameEvent, type EventInput } from '../state/design.js'
import { badRequest, MSG, rejectUnknown } from '../wire/messages.js'
import { eventByUniqueName, orderedEvents } from '../state/project-shape.js'
import { REQUIRE } from '../state/rights.js'
import { readDataRows, type DataRow } from '../wire/data.js'
import { bareReply, tableReply, type Row } from '../wire/reply.js'
import { GENERIC_ACTIONS, tableFormat, type ContentDef, type ProjectCall } from './types.js'

function exportEvents(call: ProjectCall) {
  const { project, params } = call
  if (!project.settings.isLongitudinal) throw badRequest(MSG.classicEvents)
  const arms = params.list('arms').map(Number)
  const scheduling = project.settings.schedulingEnabled
  const rows: Row[] = orderedEvents(project)
    .filter((e) => arms.length === 0 || arms.includes(e.armNum))
    .map((e) => ({
      event_name: e.name,
      arm_num: e.armNum,
      unique_event_name: e.uniqueName,
      custom_event_label: e.customLabel,
      event_id: e.id,
      ...(scheduling
        ? { day_offset: e.dayOffset, offset_min: e.offsetMin, offset_max: e.offsetMax }
        : {}),
    }))
  const columns = ['event_name', 'arm_num', 'unique_event_name', 'custom_event_label', 'event_id']
  if (scheduling) columns.push('day_offset', 'offset_min', 'offset_max')
  return tableReply(tableFormat(call), rows, { columns })
}

function inputOf(row: DataRow): EventInput {
  const num = (key: string) => Number(row[key] ?? '0') || 0
  return {
    name: (row.event_name ?? '').trim(),
    armNum: Number(row.arm_num),
    customLabel: row.custom_event_label ?? '',
    dayOffset: num('day_offset'),
    offsetMin: num('offset_min'),
    offsetMax: num('offset_max'),
  }
}

function importEvents(call: ProjectCall) {
  const { project, params, state } = call
  if (!project.settings.isLongitudinal)
    throw badRequest('You cannot import events for classic projects')
  const rows = readDataRows(call.format, call.data ?? '')
  for (const row of rows) {
    const input = inputOf(row)
    if (input.name === '') throw badRequest('Each event must have an event_name.')
    if (!project.arms.some((a) => a.num === input.armNum))
      throw badRequest(MSG.invalidValues('arm_num', [row.arm_num ?? '']))
  }
  if (params.flag('override')) removeEvents(project, new Set(project.events.map((e) => e.id)))
  for (const row of rows) {
    const existing = eventByUniqueName(project, row.unique_event_name ?? '')
    if (existing) renameEvent(project, existing, inputOf(row))
    else addEvent(state, project, inputOf(row))
  }
  return bareReply(call.returnFormat, rows.length)
}

function deleteEvents(call: ProjectCall) {
  const { project, params } = call
  if (!project.settings.isLongitudinal)
    throw badRequest('You cannot delete events for classic projects')
  if (!params.isArray('events')) throw badRequest(MSG.notArray('events'))
  const names = params.list('events')
  rejectUnknown('events', names, (n) => eventByUniqueName(project, n) !== undefined)
  removeEvents(project, new Set(names.map((n) => eventByUniqueName(project, n)?.id ?? -1)))
  return bareReply(call.returnFormat, names.length)
}

const design = [REQUIRE.designForImport, REQUIRE.development]

const event: ContentDef = {
  content: 'event',
  action: { from: 'param', allowed: GENERIC_ACTIONS },
  actions: {
    export: { run: exportEvents },
    import: { requires: design, run: importEvents },
    delete: { requires: design, run: deleteEvents },
  },
}
export default event
