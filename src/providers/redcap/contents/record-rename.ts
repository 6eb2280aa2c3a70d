/**
 * `content=record&action=rename` (Rename Record; docs/redcap-methods.md): `record` becomes
 * `new_record_name` in every event, instrument and repeat instance, keeping its files, DAG, survey
 * participants and log history; with `arm` (a multi-arm project) only that arm's part of the
 * record moves. The pipeline's Rename Records right guards it. REDCap answers its method's result
 * in `format`: `1` once renamed, an empty body when the record does not exist (in that arm) or the
 * new name is taken there. Logged as "Rename Record (API)" with both names.
 *
 * Known deviations:
 * - A blank `new_record_name` or one equal to `record` answers the empty body as well.
 */
import type { Project, RecordEntry, RecordRow } from '../state/model.js'
import { appendLog } from '../state/logging.js'
import { recordIdField } from '../state/project-shape.js'
import { ensureRecord } from '../state/records/store.js'
import { redcapTime } from '../wire/time.js'
import { textReply, type Reply } from '../wire/reply.js'
import { tableFormat, type ProjectCall } from './types.js'

/** The rows of `entry` in arm `armNum`, or all of them. */
function rowsInArm(project: Project, entry: RecordEntry, armNum: number | null): RecordRow[] {
  if (armNum === null) return entry.rows
  const events = new Set(project.events.filter((e) => e.armNum === armNum).map((e) => e.id))
  return entry.rows.filter((r) => events.has(r.eventId))
}

function renameIn(call: ProjectCall, from: string, to: string, armNum: number | null): boolean {
  const { project } = call
  const entry = project.records.get(from)
  if (!entry || to === '' || to === from) return false
  const moving = rowsInArm(project, entry, armNum)
  if (moving.length === 0) return false
  const existing = project.records.get(to)
  if (existing && rowsInArm(project, existing, armNum).length > 0) return false
  const idField = recordIdField(project)
  const target = existing ?? ensureRecord(project, to, entry.createdAt)
  if (!existing) {
    target.dagId = entry.dagId
    target.modifiedAt = redcapTime(call.deps.clock)
  }
  for (const row of moving) row.values.set(idField, to)
  target.rows.push(...moving)
  entry.rows = entry.rows.filter((r) => !moving.includes(r))
  const whole = entry.rows.length === 0
  if (whole) project.records.delete(from)
  const inArm = new Set(moving.map((r) => r.eventId))
  for (const p of project.participants)
    if (p.record === from && (whole || inArm.has(p.eventId))) p.record = to
  if (whole) {
    const hash = project.queueHashes.get(from)
    project.queueHashes.delete(from)
    if (hash !== undefined) project.queueHashes.set(to, hash)
    for (const entryLog of project.log) if (entryLog.record === from) entryLog.record = to
  }
  return true
}

export function renameRecord(call: ProjectCall): Reply {
  const { project, params } = call
  const from = params.text('record')
  const to = params.text('new_record_name').trim()
  const arm = params.text('arm')
  const armNum =
    arm !== '' && project.settings.isLongitudinal && project.arms.length > 1 ? Number(arm) : null
  if (!renameIn(call, from, to, armNum)) return textReply(tableFormat(call), '')
  appendLog(call, {
    action: `Rename Record (API) ${to}`,
    details: `old_record = '${from}',\nnew_record = '${to}'${arm === '' ? '' : `,\narm=${arm}`}`,
    record: to,
    type: 'record_edit',
  })
  return textReply(tableFormat(call), '1')
}
