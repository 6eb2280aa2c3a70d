/**
 * User roles in project XML: `redcap:UserRolesGroup` holds one `redcap:UserRoles` per role, whose
 * attributes are REDCap's own column names for role rights (`role_name`, `unique_role_name`,
 * `lock_record`, `data_export_instruments` as `[form,level]...`, `graphical`, `participants`,
 * `data_logging`, `random_perform`...), as Project XML export writes them (docs/redcap-methods.md).
 * They are read as the API's attribute names, through the same reader as a userRole import, and
 * written back the same way for Project XML export.
 */
import type { Project, Rights } from '../../state/model.js'
import { onFirstUse } from '../../../../core/first-use.js'
import { RightsSchema } from '../../state/seed.js'
import { formRights, rightsFromWire, rightsToWire, USER_RIGHT_NAMES } from '../user-rights.js'
import { xmlEscape as esc } from '../xml.js'
import { attr, list, type Node } from './nodes.js'

export interface OdmRole {
  readonly label: string
  readonly uniqueName: string
  readonly rights: Rights
}

/** REDCap's column name → the API's attribute name, where they differ. */
const API_NAMES: Readonly<Record<string, string>> = {
  graphical: 'stats_and_charts',
  participants: 'manage_survey_participants',
  data_logging: 'logging',
  data_quality_design: 'data_quality_create',
  lock_record: 'lock_records',
  lock_record_multiform: 'lock_records_all_forms',
  lock_record_customize: 'lock_records_customization',
}
const COLUMNS = new Map(Object.entries(API_NAMES).map(([column, api]) => [api, column]))

/** A role starts with nothing; the XML grants what it lists. Built when an ODM file is read. */
const noRights = onFirstUse(() =>
  RightsSchema.parse({
    apiExport: false,
    apiImport: false,
    design: false,
    userRights: 0,
    dataAccessGroups: false,
    dataExport: 'none',
    reports: false,
    statsAndCharts: false,
    manageSurveyParticipants: false,
    calendar: false,
    dataImportTool: false,
    dataComparisonTool: false,
    logging: false,
    fileRepository: false,
    dataQualityCreate: false,
    dataQualityExecute: false,
    recordCreate: false,
    recordRename: false,
    recordDelete: false,
  }),
)

export function readRoles(globals: Node): OdmRole[] {
  const group = (globals['redcap:UserRolesGroup'] ?? {}) as Node
  return list(group, 'redcap:UserRoles').map((node) => {
    const row: Record<string, string> = {}
    for (const name of USER_RIGHT_NAMES) row[name] = attr(node, COLUMNS.get(name) ?? name)
    // `[intake,2][visit,2]` is the `forms_export` map the API writes `intake:2,visit:2`.
    row.forms_export = attr(node, 'data_export_instruments')
      .replace(/\]\[/g, ',')
      .replace(/[[\]]/g, '')
      .replace(/,(\d)/g, ':$1')
    return {
      label: attr(node, 'role_name'),
      uniqueName: attr(node, 'unique_role_name'),
      rights: {
        ...rightsFromWire(noRights(), row),
        randomize: attr(node, 'random_perform') === '1',
      },
    }
  })
}

/** Role columns in the order Project XML export writes them, with what standin holds for each. */
const WRITTEN = [
  'role_name',
  'unique_role_name',
  'lock_record',
  'lock_record_multiform',
  'lock_record_customize',
  'data_export_tool',
  'data_export_instruments',
  'data_import_tool',
  'data_comparison_tool',
  'data_logging',
  'email_logging',
  'file_repository',
  'double_data',
  'user_rights',
  'data_access_groups',
  'graphical',
  'reports',
  'design',
  'alerts',
  'calendar',
  'data_entry',
  'api_export',
  'api_import',
  'api_modules',
  'mobile_app',
  'mobile_app_download_data',
  'record_create',
  'record_rename',
  'record_delete',
  'dts',
  'participants',
  'data_quality_design',
  'data_quality_execute',
  'data_quality_resolution',
  'random_setup',
  'random_dashboard',
  'random_perform',
  'realtime_webservice_mapping',
  'realtime_webservice_adjudicate',
  'external_module_config',
  'mycap_participants',
]

/** `redcap:UserRolesGroup` for Project XML export ('' when the project has no roles). */
export function writeRoles(project: Project): string {
  if (project.roles.length === 0) return ''
  const lines = project.roles.map((role) => {
    const wire = rightsToWire(role.rights)
    const forms = formRights(project, role.rights)
    const pairs = (map: Readonly<Record<string, number>>) =>
      Object.entries(map)
        .map(([form, level]) => `[${form},${String(level)}]`)
        .join('')
    const value = (column: string): string => {
      if (column === 'role_name') return esc(role.label)
      if (column === 'unique_role_name') return esc(role.uniqueName)
      if (column === 'data_export_instruments') return pairs(forms.forms_export)
      if (column === 'data_entry') return pairs(forms.forms)
      if (column === 'random_perform') return role.rights.randomize ? '1' : '0'
      if (column === 'data_export_tool' || column === 'external_module_config') return ''
      return String(wire[API_NAMES[column] ?? column] ?? 0)
    }
    return `\t\t<redcap:UserRoles ${WRITTEN.map((c) => `${c}="${value(c)}"`).join(' ')}/>\n`
  })
  return `\t<redcap:UserRolesGroup>\n${lines.join('')}\t</redcap:UserRolesGroup>\n`
}
