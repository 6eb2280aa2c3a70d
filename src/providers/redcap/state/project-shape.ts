/**
 * Questions about a project's design that many contents ask: the record-ID field, forms in order,
 * events in order, which forms an event holds, what repeats, how a checkbox's choices read.
 */
import type { Event, Field, Project, ProjectUser } from './model.js'

export function recordIdField(project: Project): string {
  return project.fields[0]?.name ?? 'record_id'
}

export function fieldByName(project: Project, name: string): Field | undefined {
  return project.fields.find((f) => f.name === name)
}

export function formLabelFromName(name: string): string {
  const words = name.replace(/_/g, ' ').trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** Forms in data-dictionary order, keeping known labels (REDCap derives forms from fields). */
export function formsOfFields(project: Project, fields: readonly Field[]) {
  const seen = new Map<string, string>()
  for (const f of fields) {
    if (!seen.has(f.form)) {
      const known = project.forms.find((x) => x.name === f.form)
      seen.set(f.form, known?.label ?? formLabelFromName(f.form))
    }
  }
  return [...seen].map(([name, label]) => ({ name, label }))
}

/** Events ordered by arm, then day offset, then id (REDCap's event order). */
export function orderedEvents(project: Project): Event[] {
  return [...project.events].sort(
    (a, b) => a.armNum - b.armNum || a.dayOffset - b.dayOffset || a.id - b.id,
  )
}

export function eventByUniqueName(project: Project, unique: string): Event | undefined {
  return project.events.find((e) => e.uniqueName === unique)
}

export function formsOfEvent(project: Project, eventId: number): readonly string[] {
  if (!project.settings.isLongitudinal) return project.forms.map((f) => f.name)
  return project.mapping.get(eventId) ?? []
}

export function isRepeatingForm(project: Project, eventId: number, form: string): boolean {
  return project.repeating.some((r) => r.eventId === eventId && r.form === form)
}

export function isRepeatingEvent(project: Project, eventId: number): boolean {
  return project.repeating.some((r) => r.eventId === eventId && r.form === '')
}

export function hasRepeating(project: Project): boolean {
  return project.repeating.length > 0
}

/** `1, One | 2, Two` → [code, label] pairs (radio, dropdown, checkbox choices). */
export function parseChoices(choices: string): [string, string][] {
  if (choices.trim() === '') return []
  return choices.split('|').map((part) => {
    const at = part.indexOf(',')
    if (at < 0) return [part.trim(), part.trim()]
    return [part.slice(0, at).trim(), part.slice(at + 1).trim()]
  })
}

export function choicesOf(field: Field): [string, string][] {
  if (field.type === 'yesno')
    return [
      ['1', 'Yes'],
      ['0', 'No'],
    ]
  if (field.type === 'truefalse')
    return [
      ['1', 'True'],
      ['0', 'False'],
    ]
  if (['radio', 'dropdown', 'checkbox'].includes(field.type)) return parseChoices(field.choices)
  return []
}

/** The `___code` suffix: lower-cased, `-` and `.` to `_`, anything else outside [a-z0-9_] dropped. */
export function checkboxSuffix(code: string): string {
  return code
    .toLowerCase()
    .replace(/[-.]/g, '_')
    .replace(/[^a-z0-9_]/g, '')
}

export function checkboxColumn(field: string, code: string): string {
  return `${field}___${checkboxSuffix(code)}`
}

/** Fields that hold data: everything but descriptive text. */
export function isDataField(field: Field): boolean {
  return field.type !== 'descriptive'
}

export function completeField(form: string): string {
  return `${form}_complete`
}

export const COMPLETE_CHOICES: [string, string][] = [
  ['0', 'Incomplete'],
  ['1', 'Unverified'],
  ['2', 'Complete'],
]

/** The project's users in username order, as the user and mapping exports list them. */
export function membersByName(project: Project): ProjectUser[] {
  return [...project.users.values()].sort((a, b) => a.username.localeCompare(b.username))
}
