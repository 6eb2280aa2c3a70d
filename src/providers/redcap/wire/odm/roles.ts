/**
 * User roles in project XML: `redcap:UserRolesGroup` holds one `redcap:UserRoles` per role, whose
 * attributes are REDCap's own column names for role rights (`role_name`, `unique_role_name`,
 * `lock_record`, `data_export_instruments` as `[form,level]...`, `graphical`, `participants`,
 * `data_logging`, `random_perform`...), as Project XML export writes them (docs/redcap-methods.md).
 */
import type { Rights } from '../../state/model.js'
import { RightsSchema } from '../../state/seed.js'
import { attr, list, type Node } from './nodes.js'

export interface OdmRole {
  readonly label: string
  readonly uniqueName: string
  readonly rights: Rights
}

type FlagKey = {
  [K in keyof Rights]: Rights[K] extends boolean ? K : never
}[keyof Rights]

/** Column name → right, for the 0/1 rights. */
const FLAGS: Readonly<Record<string, FlagKey>> = {
  design: 'design',
  alerts: 'alerts',
  data_access_groups: 'dataAccessGroups',
  reports: 'reports',
  graphical: 'statsAndCharts',
  participants: 'manageSurveyParticipants',
  calendar: 'calendar',
  data_import_tool: 'dataImportTool',
  data_comparison_tool: 'dataComparisonTool',
  data_logging: 'logging',
  email_logging: 'emailLogging',
  file_repository: 'fileRepository',
  data_quality_design: 'dataQualityCreate',
  data_quality_execute: 'dataQualityExecute',
  api_export: 'apiExport',
  api_import: 'apiImport',
  api_modules: 'apiModules',
  mobile_app: 'mobileApp',
  mobile_app_download_data: 'mobileAppDownloadData',
  record_create: 'recordCreate',
  record_rename: 'recordRename',
  record_delete: 'recordDelete',
  random_perform: 'randomize',
  lock_record_multiform: 'lockRecordsAllForms',
  lock_record_customize: 'lockRecordsCustomization',
}

const EXPORT_LEVELS: readonly Rights['dataExport'][] = [
  'none',
  'full',
  'deidentified',
  'remove_identifiers',
]

/** The level of the first form in `[form,level][form,level]` (standin keeps one level). */
function exportLevel(instruments: string, legacy: string): Rights['dataExport'] {
  const first = /\[[^,\]]+,(\d)\]/.exec(instruments)?.[1] ?? legacy
  return EXPORT_LEVELS[Number(first)] ?? 'none'
}

function level(value: string): 0 | 1 | 2 {
  return value === '2' ? 2 : value === '1' ? 1 : 0
}

export function readRoles(globals: Node): OdmRole[] {
  const group = (globals['redcap:UserRolesGroup'] ?? {}) as Node
  return list(group, 'redcap:UserRoles').map((node) => {
    const rights: Record<string, unknown> = {}
    for (const [column, key] of Object.entries(FLAGS)) rights[key] = attr(node, column) === '1'
    rights.userRights = level(attr(node, 'user_rights'))
    rights.lockRecords = level(attr(node, 'lock_record'))
    rights.dataExport = exportLevel(
      attr(node, 'data_export_instruments'),
      attr(node, 'data_export_tool'),
    )
    return {
      label: attr(node, 'role_name'),
      uniqueName: attr(node, 'unique_role_name'),
      rights: RightsSchema.parse(rights),
    }
  })
}
