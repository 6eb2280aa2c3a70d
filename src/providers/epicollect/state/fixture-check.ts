/**
 * Shape checks for Epicollect5 fixture files, written by hand rather than with zod: they run on every
 * project at load and on thousands of rows at first use, where a schema library's cost shows in the
 * cold start. Each failure names the dotted path of the offending value.
 */
import { INPUT_TYPES, type ProjectDefinition } from './definition.js'
import type { EntryTable } from './entry-store.js'
import type { ProjectMap } from './mapping.js'

export class FixtureShapeError extends Error {
  override readonly name = 'FixtureShapeError'
}

type Json = Record<string, unknown>

function fail(path: string, message: string): never {
  throw new FixtureShapeError(`${path} ${message}`)
}

function object(value: unknown, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail(path, 'must be an object')
  return value as Json
}

function list(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) fail(path, 'must be a list')
  return value
}

function text(value: unknown, path: string): string {
  if (typeof value !== 'string' || value === '') fail(path, 'must be a non-empty string')
  return value
}

const TYPES: ReadonlySet<string> = new Set(INPUT_TYPES)

/** Checks one input and fills the keys the server always stores when a fixture leaves them out. */
function checkInput(value: unknown, path: string): void {
  const input = object(value, path)
  text(input.ref, `${path}.ref`)
  if (typeof input.type !== 'string' || !TYPES.has(input.type))
    fail(`${path}.type`, `must be one of ${INPUT_TYPES.join(', ')}`)
  if (typeof input.question !== 'string') fail(`${path}.question`, 'must be a string')
  input.is_title ??= false
  input.datetime_format ??= null
  input.possible_answers ??= []
  input.group ??= []
  input.branch ??= []
  list(input.possible_answers, `${path}.possible_answers`).forEach((answer, i) => {
    const a = object(answer, `${path}.possible_answers.${String(i)}`)
    if (typeof a.answer !== 'string')
      fail(`${path}.possible_answers.${String(i)}.answer`, 'must be a string')
    text(a.answer_ref, `${path}.possible_answers.${String(i)}.answer_ref`)
  })
  for (const nested of ['group', 'branch'] as const)
    list(input[nested], `${path}.${nested}`).forEach((child, i) => {
      checkInput(child, `${path}.${nested}.${String(i)}`)
    })
}

export function checkDefinition(value: unknown): ProjectDefinition {
  const definition = object(value, 'definition')
  text(definition.id, 'definition.id')
  if (definition.type !== 'project') fail('definition.type', 'must be "project"')
  const project = object(definition.project, 'definition.project')
  for (const key of ['ref', 'name', 'slug', 'created_at'])
    text(project[key], `definition.project.${key}`)
  if (project.access !== 'public' && project.access !== 'private')
    fail('definition.project.access', 'must be "public" or "private"')
  project.status ??= 'active'
  text(project.status, 'definition.project.status')
  const forms = list(project.forms, 'definition.project.forms')
  if (forms.length === 0) fail('definition.project.forms', 'must hold at least one form')
  forms.forEach((form, f) => {
    const path = `definition.project.forms.${String(f)}`
    const checked = object(form, path)
    text(checked.ref, `${path}.ref`)
    if (typeof checked.name !== 'string') fail(`${path}.name`, 'must be a string')
    list(checked.inputs, `${path}.inputs`).forEach((input, i) => {
      checkInput(input, `${path}.inputs.${String(i)}`)
    })
  })
  return value as ProjectDefinition
}

function checkInputMaps(value: unknown, path: string): void {
  if (Array.isArray(value) && value.length === 0) return
  for (const [ref, map] of Object.entries(object(value, path))) {
    const m = object(map, `${path}.${ref}`)
    if (typeof m.map_to !== 'string') fail(`${path}.${ref}.map_to`, 'must be a string')
    if (typeof m.hide !== 'boolean') fail(`${path}.${ref}.hide`, 'must be true or false')
    const answers = m.possible_answers ?? []
    if (!Array.isArray(answers))
      for (const [answerRef, answer] of Object.entries(
        object(answers, `${path}.${ref}.possible_answers`),
      ))
        if (
          typeof object(answer, `${path}.${ref}.possible_answers.${answerRef}`).map_to !== 'string'
        )
          fail(`${path}.${ref}.possible_answers.${answerRef}.map_to`, 'must be a string')
    checkInputMaps(m.group ?? [], `${path}.${ref}.group`)
    checkInputMaps(m.branch ?? [], `${path}.${ref}.branch`)
  }
}

export function checkMapping(value: unknown): ProjectMap[] {
  const maps = list(value, 'mapping')
  if (maps.length === 0) fail('mapping', 'must hold at least EC5_AUTO')
  maps.forEach((map, i) => {
    const path = `mapping.${String(i)}`
    const m = object(map, path)
    text(m.name, `${path}.name`)
    if (!Number.isInteger(m.map_index)) fail(`${path}.map_index`, 'must be a whole number')
    if (typeof m.is_default !== 'boolean') fail(`${path}.is_default`, 'must be true or false')
    for (const [formRef, maps] of Object.entries(object(m.forms, `${path}.forms`)))
      checkInputMaps(maps, `${path}.forms.${formRef}`)
  })
  return value as ProjectMap[]
}

export function checkTables(value: unknown, path: string): EntryTable[] {
  list(value, path).forEach((table, i) => {
    const at = `${path}.${String(i)}`
    const t = object(table, at)
    text(t.form_ref, `${at}.form_ref`)
    list(t.columns, `${at}.columns`).forEach((column, c) =>
      text(column, `${at}.columns.${String(c)}`),
    )
    list(t.rows, `${at}.rows`).forEach((row, r) => list(row, `${at}.rows.${String(r)}`))
  })
  return value as EntryTable[]
}
