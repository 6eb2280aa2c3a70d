/**
 * The data dictionary's 18 wire columns in REDCap's order (metadata export, `api_docs` metadata),
 * and the conversion between a wire row and a `Field`.
 */
import type { Field } from '../state/model.js'

export const METADATA_COLUMNS = [
  ['field_name', 'name'],
  ['form_name', 'form'],
  ['section_header', 'sectionHeader'],
  ['field_type', 'type'],
  ['field_label', 'label'],
  ['select_choices_or_calculations', 'choices'],
  ['field_note', 'note'],
  ['text_validation_type_or_show_slider_number', 'validation'],
  ['text_validation_min', 'validationMin'],
  ['text_validation_max', 'validationMax'],
  ['identifier', 'identifier'],
  ['branching_logic', 'branchingLogic'],
  ['required_field', 'required'],
  ['custom_alignment', 'customAlignment'],
  ['question_number', 'questionNumber'],
  ['matrix_group_name', 'matrixGroup'],
  ['matrix_ranking', 'matrixRanking'],
  ['field_annotation', 'annotation'],
] as const satisfies readonly (readonly [string, keyof Field])[]

export const METADATA_WIRE_NAMES: readonly string[] = METADATA_COLUMNS.map(([wire]) => wire)

export function fieldFromWire(row: Readonly<Record<string, string>>): Field {
  const field = {} as Record<keyof Field, string>
  for (const [wire, prop] of METADATA_COLUMNS) field[prop] = (row[wire] ?? '').trim()
  return field
}

export function fieldToWire(field: Field): Record<string, string> {
  const row: Record<string, string> = {}
  for (const [wire, prop] of METADATA_COLUMNS) row[wire] = field[prop]
  return row
}
