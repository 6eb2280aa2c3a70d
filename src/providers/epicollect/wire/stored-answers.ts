/**
 * Answers as the server keeps them in `entry_data` once an upload passed validation: one
 * `{answer, was_jumped}` per question of the form or branch (groups replaced by their questions,
 * readme left out), scalars as the strings PHP's validators coerce them to, an empty checkbox or
 * search as `[]`, and a location rounded to 6 decimals with a whole-number accuracy, all floats.
 *
 * @see epicollect5-server app/Http/Validation/Entries/Upload/EntryValidationBase.php (validateAnswers),
 *   RuleAnswers.php (additionalChecks) and InputRules/Rule{Location,Checkbox,Radio,Dropdown,
 *   SearchSingle,SearchMultiple}Input.php
 */
import type { InputDefinition } from '../state/definition.js'
import type { StoredEntry } from '../state/entry-store.js'
import type { ProjectRecord } from '../state/project-fixtures.js'
import { PhpFloat, phpFloatToString, phpFloatval } from './php-json.js'

const LISTS = new Set(['checkbox', 'searchsingle', 'searchmultiple'])

/** The questions an entry answers, in form order. */
export function answeredInputs(project: ProjectRecord, entry: StoredEntry): InputDefinition[] {
  const inputs =
    entry.branchRef === ''
      ? project.model.formExportInputs(entry.formRef)
      : project.model.branchExportInputs(entry.formRef, entry.branchRef)
  return inputs.filter((input) => input.type !== 'readme')
}

/** A scalar as PHP's weak typing turns it into the `string` a validator takes. */
function phpString(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number')
    return Number.isInteger(value) ? String(value) : phpFloatToString(value)
  if (typeof value === 'boolean') return value ? '1' : ''
  return ''
}

/** PHP `round()`: halves away from zero. */
function phpRound(value: number, places: number): number {
  const factor = 10 ** places
  return (Math.sign(value) * Math.round(Math.abs(value) * factor)) / factor
}

export interface Point {
  readonly latitude: number
  readonly longitude: number
  readonly accuracy: number
}

/** The rounded point of a location answer, or undefined when it is blank or not a location. */
export function locationPoint(answer: unknown): Point | undefined {
  if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) return undefined
  const { latitude, longitude, accuracy } = answer as Record<string, unknown>
  if (latitude === '' && longitude === '' && accuracy === '') return undefined
  if (latitude === undefined || longitude === undefined || accuracy === undefined) return undefined
  return {
    latitude: phpRound(phpFloatval(latitude), 6),
    longitude: phpRound(phpFloatval(longitude), 6),
    accuracy: phpRound(phpFloatval(accuracy), 0),
  }
}

/** One answer's stored value; a missing one (a null cell) is stored as the apps send it blank. */
export function storedAnswer(input: InputDefinition, answer: unknown): unknown {
  if (input.type === 'location') {
    if (answer === undefined || answer === null)
      return { latitude: '', longitude: '', accuracy: '' }
    const point = locationPoint(answer)
    if (!point) return answer
    return {
      latitude: new PhpFloat(point.latitude),
      longitude: new PhpFloat(point.longitude),
      accuracy: new PhpFloat(point.accuracy),
    }
  }
  if (Array.isArray(answer)) return answer.map(phpString)
  if (LISTS.has(input.type) && (answer === undefined || answer === null || answer === '')) return []
  return phpString(answer)
}

/**
 * The answer refs an entry picked (radio and dropdown as given, checkbox and search only those the
 * question offers), which the server copies into every location feature of the entry.
 */
export function pickedAnswers(inputs: readonly InputDefinition[], entry: StoredEntry): string[] {
  const picked: string[] = []
  for (const input of inputs) {
    const answer = entry.answers[input.ref]
    if (input.type === 'radio' || input.type === 'dropdown') {
      const text = phpString(answer)
      if (text !== '' && text !== '0') picked.push(text)
    } else if (LISTS.has(input.type) && Array.isArray(answer)) {
      const offered = new Set(input.possible_answers.map((p) => p.answer_ref))
      for (const ref of answer.map(phpString)) if (offered.has(ref)) picked.push(ref)
    }
  }
  return picked
}
