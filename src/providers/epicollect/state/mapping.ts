/**
 * Project mappings: how each question is named in exports. Map 0 is `EC5_AUTO`, generated from the
 * definition; up to three custom maps copy it and rename or hide questions.
 *
 * @see epicollect5-server app/Services/Mapping/ProjectMappingService.php (createEC5AUTOMapping,
 *   generateMapTo) and app/DTO/ProjectMappingDTO.php (getMap, getDefaultMapIndex, getMapDetails)
 */
import type { InputDefinition, ProjectDefinition } from './definition.js'

/** PHP serialises an empty array as `[]`, so empty maps in the mapping are lists on the wire. */
type PhpMap<T> = Readonly<Record<string, T>> | readonly never[]

export interface InputMap {
  readonly map_to: string
  readonly hide: boolean
  readonly possible_answers: PhpMap<{ readonly map_to: string }>
  readonly group: PhpMap<InputMap>
  readonly branch: PhpMap<InputMap>
}

export interface ProjectMap {
  readonly name: string
  readonly forms: Readonly<Record<string, PhpMap<InputMap>>>
  readonly map_index: number
  readonly is_default: boolean
}

export const AUTO_MAP_NAME = 'EC5_AUTO'
/** config/epicollect/limits.php `project_mappings.map_key_length`. */
const MAP_KEY_LENGTH = 20

/** `<n>_<question>`, spaces to `_`, only `[A-Za-z0-9_]` kept, cut to 20 characters. */
export function generateMapTo(index: number, question: string): string {
  const joined = `${String(index)}_${phpTrim(question)}`
  return joined
    .replace(/ +/g, '_')
    .replace(/[^A-Za-z0-9_]/g, '')
    .slice(0, MAP_KEY_LENGTH)
}

/** PHP `trim()`: spaces, tabs, newlines, carriage returns, NUL and vertical tabs. */
function phpTrim(text: string): string {
  const blank = new Set([' ', '\t', '\n', '\r', '\0', '\v'])
  let start = 0
  let end = text.length
  while (start < end && blank.has(text.charAt(start))) start++
  while (end > start && blank.has(text.charAt(end - 1))) end--
  return text.slice(start, end)
}

function asPhpMap<T>(entries: [string, T][]): PhpMap<T> {
  return entries.length === 0 ? [] : Object.fromEntries(entries)
}

/** The `EC5_AUTO` map: one counter across every form, readme questions skipped. */
export function createAutoMapping(definition: ProjectDefinition): ProjectMap {
  let counter = 0
  const mapInputs = (inputs: readonly InputDefinition[]): PhpMap<InputMap> =>
    asPhpMap(
      inputs
        .filter((input) => input.type !== 'readme')
        .map((input): [string, InputMap] => {
          counter++
          const mapTo = generateMapTo(counter, input.question)
          const withAnswers = ['dropdown', 'radio', 'checkbox', 'searchsingle', 'searchmultiple']
          return [
            input.ref,
            {
              map_to: mapTo,
              hide: false,
              possible_answers: withAnswers.includes(input.type)
                ? asPhpMap(input.possible_answers.map((a) => [a.answer_ref, { map_to: a.answer }]))
                : [],
              group: input.type === 'group' ? mapInputs(input.group) : [],
              branch: input.type === 'branch' ? mapInputs(input.branch) : [],
            },
          ]
        }),
    )
  const forms: Record<string, PhpMap<InputMap>> = {}
  for (const form of definition.project.forms) forms[form.ref] = mapInputs(form.inputs)
  return { name: AUTO_MAP_NAME, forms, map_index: 0, is_default: true }
}

export function asRecord<T>(map: PhpMap<T>): Readonly<Record<string, T>> {
  return Array.isArray(map) ? {} : (map as Readonly<Record<string, T>>)
}
