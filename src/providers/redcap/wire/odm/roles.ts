/**
 * User roles in project XML: `redcap:UserRolesGroup` holds one `redcap:UserRoles` per role, whose
 * attributes are REDCap's own column names for role rights (`role_name`, `unique_role_name`,
 * `lock_record`, `data_export_instruments` as `[form,level]...`, `graphical`, `participants`,
 * `data_logging`, `random_perform`...), as Project XML export writes them (docs/redcap-methods.md).
 * They are read as the API's attribute names, through the same reader as a userRole import.
 */
import type { Rights } from '../../state/model.js'
import { RightsSchema } from '../../state/seed.js'
import { rightsFromWire, USER_RIGHT_NAMES } from '../user-rights.js'
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

/** A role starts with nothing; the XML grants what it lists. */
const NO_RIGHTS = RightsSchema.parse({
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
})

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
        ...rightsFromWire(NO_RIGHTS, row),
        randomize: attr(node, 'random_perform') === '1',
      },
    }
  })
}
