/**
 * `content=arm`: export (`arms` narrows; arms without events are not listed), import (new arms are
 * added, known numbers renamed; `override=1` replaces every arm, and with them every event and
 * mapping) and delete (`arms` array; their events and data go too). Design changes need api_124
 * rights and Development status.
 */
import { badRequest, MSG, rejectUnknown } from '../wire/messages.js'
import type { Project } from '../state/model.js'
import { removeEvents } from '../state/design.js'
import { REQUIRE } from '../state/rights.js'
import { readDataRows } from '../wire/data.js'
import { bareReply, tableReply } from '../wire/reply.js'
import { GENERIC_ACTIONS, tableFormat, type ContentDef, type ProjectCall } from './types.js'

function longitudinalOnly(project: Project, message: string): void {
  if (!project.settings.isLongitudinal) throw badRequest(message)
}

function exportArms(call: ProjectCall) {
  const { project, params } = call
  longitudinalOnly(project, MSG.classicArms)
  const wanted = params.list('arms').map(Number)
  const rows = project.arms
    .filter((a) => project.events.some((e) => e.armNum === a.num))
    .filter((a) => wanted.length === 0 || wanted.includes(a.num))
    .map((a) => ({ arm_num: a.num, name: a.name }))
  return tableReply(tableFormat(call), rows, { columns: ['arm_num', 'name'] })
}

function importArms(call: ProjectCall) {
  const { project, params } = call
  longitudinalOnly(project, 'You cannot import arms for classic projects')
  const override = params.flag('override')
  const rows = readDataRows(call.format, call.data ?? '')
  for (const row of rows) {
    if (!/^\d+$/.test(row.arm_num ?? '') || (row.name ?? '').trim() === '')
      throw badRequest('Each arm must have a numeric arm_num and a name.')
  }
  if (override) {
    removeEvents(project, new Set(project.events.map((e) => e.id)))
    project.arms = []
  }
  for (const row of rows) {
    const num = Number(row.arm_num)
    const arm = project.arms.find((a) => a.num === num)
    if (arm) arm.name = (row.name ?? '').trim()
    else project.arms.push({ num, name: (row.name ?? '').trim() })
  }
  project.arms.sort((a, b) => a.num - b.num)
  return bareReply(call.returnFormat, rows.length)
}

function deleteArms(call: ProjectCall) {
  const { project, params } = call
  longitudinalOnly(project, 'You cannot delete arms for classic projects')
  if (!params.isArray('arms')) throw badRequest(MSG.notArray('arms'))
  const nums = params.list('arms').map(Number)
  rejectUnknown('arms', nums.map(String), (n) => project.arms.some((a) => a.num === Number(n)))
  removeEvents(
    project,
    new Set(project.events.filter((e) => nums.includes(e.armNum)).map((e) => e.id)),
  )
  project.arms = project.arms.filter((a) => !nums.includes(a.num))
  return bareReply(call.returnFormat, nums.length)
}

const design = [REQUIRE.designForImport, REQUIRE.development]

const arm: ContentDef = {
  content: 'arm',
  action: { from: 'param', allowed: GENERIC_ACTIONS },
  actions: {
    export: { run: exportArms },
    import: { requires: design, run: importArms },
    delete: { requires: design, run: deleteArms },
  },
}
export default arm
