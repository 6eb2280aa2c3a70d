/**
 * The project's Logging: what changes append and how `content=log` reads it back. Record events
 * read `<description> <record>` ("Update record (API) 42", as REDCapR's live log shows), design and
 * admin events read "Manage/Design" with the description in `details`, user-rights events carry
 * their own description ("Edit user role", details "role = 'api'").
 */
import type { Clock } from '../../../core/clock.js'
import type { LogType, Project } from './model.js'
import { checkboxColumn, choicesOf } from './project-shape.js'
import { redcapTime } from '../wire/time.js'

/** What a change needs to log itself: the project, the clock and who made the call. */
export interface LogContext {
  readonly project: Project
  readonly deps: { readonly clock: Clock }
  readonly access: { readonly username: string }
}

export interface LogInput {
  readonly action: string
  readonly details?: string
  readonly record?: string
  readonly type: LogType
  /** The record's DAG, when the record is already gone (deletes). */
  readonly dagId?: number | null
}

/**
 * The most entries a project's Logging keeps: past it, the oldest are forgotten. Real REDCap keeps
 * every entry forever, but here every record export appends one, so a client polling exports in a
 * loop would otherwise grow standin's memory without end (docs/input-bounds.md).
 */
export const MAX_LOG_ENTRIES = 10_000
/** Entries appended past the bound before the oldest are cut, so a cut is one splice per batch. */
export const LOG_TRIM_SLACK = 1_000

export function appendLog(context: LogContext, input: LogInput): void {
  const { project } = context
  const record = input.record ?? ''
  const { log } = project
  if (log.length >= MAX_LOG_ENTRIES + LOG_TRIM_SLACK)
    log.splice(0, log.length - MAX_LOG_ENTRIES + 1)
  log.push({
    timestamp: redcapTime(context.deps.clock),
    username: context.access.username,
    action: input.action,
    details: input.details ?? '',
    record,
    type: input.type,
    dagId: input.dagId ?? project.records.get(record)?.dagId ?? null,
  })
}

/**
 * A Manage/Design event ("Create folder (API)", "Create data access group"...). REDCap writes a
 * log action as its event and object joined by `<br>`, which the export turns into a space; a
 * design event has no object, hence the trailing space (docs/redcap-methods.md).
 */
export const DESIGN_ACTION = 'Manage/Design '

export function logDesign(context: LogContext, details: string): void {
  appendLog(context, { action: DESIGN_ACTION, details, type: 'manage' })
}

const ROW_KEYS = new Set([
  'redcap_event_name',
  'redcap_repeat_instrument',
  'redcap_repeat_instance',
])

/** Each checkbox column (`color___2`) with the name logging gives it (`color(2)`). */
export function checkboxNames(project: Project): Map<string, string> {
  const checkboxes = new Map<string, string>()
  for (const field of project.fields.filter((f) => f.type === 'checkbox'))
    for (const [code] of choicesOf(field))
      checkboxes.set(checkboxColumn(field.name, code), `${field.name}(${code})`)
  return checkboxes
}

/**
 * The details REDCap writes for a record change: `field = 'value'` for each value given,
 * `field(code) = checked|unchecked` for checkboxes, joined by ", ".
 */
export function changeDetails(
  project: Project,
  rows: readonly Record<string, string>[],
  checkboxes: ReadonlyMap<string, string> = checkboxNames(project),
): string {
  const parts: string[] = []
  for (const row of rows) {
    for (const [column, value] of Object.entries(row)) {
      if (value === '' || ROW_KEYS.has(column)) continue
      const box = checkboxes.get(column)
      if (box) parts.push(`${box} = ${value === '1' ? 'checked' : 'unchecked'}`)
      else parts.push(`${column} = '${value}'`)
    }
  }
  return parts.join(', ')
}
