/**
 * `content=project_settings` (Import Project Info; docs/redcap-methods.md): the project's
 * attributes as one JSON object, a CSV header and row, or XML `<items>` with one element per
 * attribute. The documented attributes are stored, any other is ignored, and the reply is the
 * number of attributes posted (REDCap counts the decoded data), in `format`. The flags change what
 * the project does from then on: `is_longitudinal` opens arms, events and mappings and makes rows
 * name their event, `surveys_enabled` the survey contents, `scheduling_enabled` the events' day
 * offsets, and `has_repeating_instruments_or_events` = 0 drops the repeating setup. Needs api_228
 * rights; logged as "Import project information (API)".
 *
 * Known deviations:
 * - Values are not checked (REDCap stores what it is given): a flag other than 0 or 1 and a
 *   purpose outside 0-4 are ignored rather than stored.
 * - `has_repeating_instruments_or_events` = 1 sets nothing up: the export reports the setup.
 */
import type { Project, ProjectSettings } from '../state/model.js'
import { firstEvent } from '../state/project-shape.js'
import { REQUIRE } from '../state/rights.js'
import { readDataRows, type DataRow } from '../wire/data.js'
import { bareReply } from '../wire/reply.js'
import { badRequest, MSG } from '../wire/messages.js'
import { parseXmlFields, xmlProblem } from '../wire/xml.js'
import { logDesign } from '../state/logging.js'
import { tableFormat, type ContentDef, type ProjectCall } from './types.js'

type TextKey = {
  [K in keyof ProjectSettings]: ProjectSettings[K] extends string ? K : never
}[keyof ProjectSettings]
type FlagKey = {
  [K in keyof ProjectSettings]: ProjectSettings[K] extends boolean ? K : never
}[keyof ProjectSettings]

const TEXTS: Readonly<Record<string, TextKey>> = {
  project_title: 'title',
  project_language: 'language',
  purpose_other: 'purposeOther',
  project_notes: 'notes',
  custom_record_label: 'customRecordLabel',
  secondary_unique_field: 'secondaryUniqueField',
  project_irb_number: 'irbNumber',
  project_grant_number: 'grantNumber',
  project_pi_firstname: 'piFirstname',
  project_pi_lastname: 'piLastname',
}

const FLAGS: Readonly<Record<string, FlagKey>> = {
  is_longitudinal: 'isLongitudinal',
  surveys_enabled: 'surveysEnabled',
  scheduling_enabled: 'schedulingEnabled',
  record_autonumbering_enabled: 'autoNumbering',
  randomization_enabled: 'randomizationEnabled',
  display_today_now_button: 'displayTodayNowButton',
  bypass_branching_erase_field_prompt: 'bypassBranchingErasePrompt',
}

/** The posted attributes; a JSON array (not REDCap's shape) gives its items, which name none. */
function readAttributes(call: ProjectCall): { row: DataRow; count: number } {
  const data = call.data ?? ''
  if (call.format === 'json') {
    const decoded = JSON.parse(data) as unknown
    if (Array.isArray(decoded)) return { row: {}, count: decoded.length }
    if (decoded === null || typeof decoded !== 'object') return { row: {}, count: 0 }
    const row = readDataRows('json', JSON.stringify([decoded]))[0] ?? {}
    return { row, count: Object.keys(row).length }
  }
  if (call.format === 'csv') {
    const row = readDataRows('csv', data)[0] ?? {}
    return { row, count: Object.keys(row).length }
  }
  // `format=odm` is read as XML too; the pipeline only checked XML posted as `format=xml`.
  const problem = xmlProblem(data)
  if (problem !== null) throw badRequest(MSG.badXml(problem), 'data is not well-formed XML')
  const row = parseXmlFields(data)
  return { row, count: Object.keys(row).length }
}

/** Turning a classic project longitudinal: its one event holds every form, as before. */
function becomeLongitudinal(project: Project): void {
  const first = firstEvent(project)
  if (first && (project.mapping.get(first.id) ?? []).length === 0)
    project.mapping.set(
      first.id,
      project.forms.map((f) => f.name),
    )
}

/** Stores the attributes the row gives; returns how many values changed. */
export function applySettings(project: Project, row: DataRow): number {
  const settings = project.settings
  let changed = 0
  for (const [wire, key] of Object.entries(TEXTS)) {
    const value = row[wire]
    if (value === undefined || value === settings[key]) continue
    if (key === 'title' && value.trim() === '') continue
    settings[key] = value
    changed++
  }
  const purpose = row.purpose?.trim()
  if (purpose !== undefined && /^[0-4]$/.test(purpose) && Number(purpose) !== settings.purpose) {
    settings.purpose = Number(purpose)
    changed++
  }
  for (const [wire, key] of Object.entries(FLAGS)) {
    const value = row[wire]?.trim()
    if (value !== '0' && value !== '1') continue
    if (settings[key] === (value === '1')) continue
    settings[key] = value === '1'
    if (key === 'isLongitudinal' && value === '1') becomeLongitudinal(project)
    changed++
  }
  if (row.has_repeating_instruments_or_events?.trim() === '0' && project.repeating.length > 0) {
    project.repeating = []
    changed++
  }
  return changed
}

function importSettings(call: ProjectCall) {
  const { row, count } = readAttributes(call)
  applySettings(call.project, row)
  logDesign(call, 'Import project information (API)')
  return bareReply(tableFormat(call), count)
}

const projectSettings: ContentDef = {
  content: 'project_settings',
  action: { from: 'data' },
  actions: {
    import: {
      requires: [REQUIRE.designSetup],
      run: importSettings,
    },
  },
}
export default projectSettings
