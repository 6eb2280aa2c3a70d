/**
 * Which columns an export has: the questions of the form (groups flattened) or of the branch, in
 * order, named by the requested map, minus hidden ones and those without a `map_to` (readme). A map
 * without the form falls back to EC5_AUTO, as DataMappingService::setupMapping does.
 *
 * @see epicollect5-server app/Services/Mapping/DataMappingService.php (setupMapping,
 *   getInputMapping, getInputsFlattened, getBranchInputsFlattened)
 */
import { DATETIME_FORMATS_PHP } from './dates.js'
import type { InputDefinition, InputType } from '../state/definition.js'
import { asRecord, type InputMap } from '../state/mapping.js'
import type { ProjectRecord } from '../state/project-fixtures.js'

export interface ExportColumn {
  readonly ref: string
  readonly type: InputType
  readonly mapTo: string
  /** answer_ref → mapped text. */
  readonly answers: ReadonlyMap<string, string>
  readonly dateFormat: string | undefined
}

export interface ExportLayout {
  readonly mode: 'form' | 'branch'
  /** The first form has no `ec5_parent_uuid`. */
  readonly topForm: boolean
  readonly privateProject: boolean
  readonly columns: readonly ExportColumn[]
  /** `<base>/api/media/<slug>` for public media URLs. */
  readonly mediaUrl: string
}

/** The visible columns for a form or a branch under map `mapIndex` (map 0 if that form is absent). */
export function exportLayout(
  project: ProjectRecord,
  formRef: string,
  branchRef: string,
  mapIndex: number,
  baseUrl: string,
): ExportLayout {
  const map = project.mapping.find((m) => m.map_index === mapIndex)
  let maps = asRecord(map?.forms[formRef] ?? [])
  if (Object.keys(maps).length === 0) maps = asRecord(project.mapping[0]?.forms[formRef] ?? [])
  const inBranch = branchRef !== ''
  if (inBranch) maps = asRecord(maps[branchRef]?.branch ?? [])
  const flat: Record<string, InputMap> = { ...maps }
  for (const m of Object.values(maps)) Object.assign(flat, asRecord(m.group))
  const inputs = inBranch
    ? project.model.branchExportInputs(formRef, branchRef)
    : project.model.formExportInputs(formRef)
  return {
    mode: inBranch ? 'branch' : 'form',
    topForm: project.model.firstFormRef === formRef,
    privateProject: project.access === 'private',
    columns: inputs.flatMap((input) => column(input, flat[input.ref])),
    mediaUrl: `${baseUrl}/api/media/${project.slug}`,
  }
}

function column(input: InputDefinition, map: InputMap | undefined): ExportColumn[] {
  if (!map || map.hide || map.map_to === '') return []
  const answers = new Map<string, string>()
  for (const [ref, value] of Object.entries(asRecord(map.possible_answers)))
    answers.set(ref, value.map_to)
  const format =
    input.datetime_format === null ? undefined : DATETIME_FORMATS_PHP[input.datetime_format]
  return [{ ref: input.ref, type: input.type, mapTo: map.map_to, answers, dateFormat: format }]
}
