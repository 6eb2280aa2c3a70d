/**
 * Changes to a longitudinal design that arms, events and the form-event mapping share: removing
 * events (with their mapping, repeating setup and record rows) and adding or renaming an event.
 */
import type { Event, Project, RedcapState } from './model.js'
import { uniqueEventName } from './project-build.js'

export function removeEvents(project: Project, ids: ReadonlySet<number>): void {
  project.events = project.events.filter((e) => !ids.has(e.id))
  for (const id of ids) project.mapping.delete(id)
  project.repeating = project.repeating.filter((r) => !ids.has(r.eventId))
  for (const entry of project.records.values()) {
    entry.rows = entry.rows.filter((r) => !ids.has(r.eventId))
    if (entry.rows.length === 0) project.records.delete(entry.id)
  }
}

export interface EventInput {
  readonly name: string
  readonly armNum: number
  readonly customLabel: string
  readonly dayOffset: number
  readonly offsetMin: number
  readonly offsetMax: number
}

export function addEvent(state: RedcapState, project: Project, input: EventInput): Event {
  const event: Event = { id: state.sequence.event++, uniqueName: '', ...input }
  event.uniqueName = uniqueEventName(project, input.name, input.armNum)
  project.events.push(event)
  project.mapping.set(event.id, [])
  return event
}

export function renameEvent(project: Project, event: Event, input: EventInput): void {
  Object.assign(event, input)
  event.uniqueName = uniqueEventName(project, input.name, input.armNum, event.id)
}
