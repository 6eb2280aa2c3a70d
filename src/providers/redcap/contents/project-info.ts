/**
 * `content=project` export: the project's attributes as one object (JSON object, CSV header + one
 * row, XML `<item>`); integer-looking values are JSON numbers (protocol notes §2.4).
 */
import type { Project } from '../state/model.js'
import { hasRepeating } from '../state/project-shape.js'
import { objectReply, type Reply, type Row } from '../wire/reply.js'
import { tableFormat, type ProjectCall } from './types.js'

const flag = (value: boolean) => (value ? 1 : 0)

export function projectInfo(project: Project): Row {
  const s = project.settings
  return {
    project_id: project.id,
    project_title: s.title,
    creation_time: project.creationTime,
    production_time: project.productionTime,
    in_production: flag(project.status !== 'development'),
    project_language: s.language,
    purpose: s.purpose,
    purpose_other: s.purposeOther,
    project_notes: s.notes,
    custom_record_label: s.customRecordLabel,
    secondary_unique_field: s.secondaryUniqueField,
    is_longitudinal: flag(s.isLongitudinal),
    has_repeating_instruments_or_events: flag(hasRepeating(project)),
    surveys_enabled: flag(s.surveysEnabled),
    scheduling_enabled: flag(s.schedulingEnabled),
    record_autonumbering_enabled: flag(s.autoNumbering),
    randomization_enabled: flag(s.randomizationEnabled),
    ddp_enabled: flag(s.ddpEnabled),
    project_irb_number: s.irbNumber,
    project_grant_number: s.grantNumber,
    project_pi_firstname: s.piFirstname,
    project_pi_lastname: s.piLastname,
    display_today_now_button: flag(s.displayTodayNowButton),
    missing_data_codes: s.missingDataCodes,
    external_modules: '',
    bypass_branching_erase_field_prompt: flag(s.bypassBranchingErasePrompt),
  }
}

export function exportProjectInfo(call: ProjectCall): Reply {
  return objectReply(tableFormat(call), projectInfo(call.project))
}
