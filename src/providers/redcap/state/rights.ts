/**
 * The rights model: a user's effective rights on a project (a role's rights win over the user's
 * own), the generic checks of pipeline step 7 (protocol notes §1.5), and the named requirements a
 * content module declares for its own 400/403 refusals (§2.4 api_124, api_228, ...).
 */
import type { StandinError } from '../../../core/errors.js'
import { badRequest, forbidden, MSG } from '../wire/messages.js'
import type { Project, ProjectUser, Rights } from './model.js'

export type ApiAction =
  | 'export'
  | 'import'
  | 'import_app'
  | 'delete'
  | 'switch'
  | 'list'
  | 'createFolder'
  | 'rename'
  | 'randomize'

export function effectiveRights(project: Project, member: ProjectUser): Rights {
  const role =
    member.roleId === null ? undefined : project.roles.find((r) => r.id === member.roleId)
  return role?.rights ?? member.rights
}

/** Who is calling and with what, once the token is accepted. */
export interface Access {
  readonly username: string
  readonly rights: Rights
  /** The DAG the user is assigned to, or null. */
  readonly dagId: number | null
}

/**
 * Step 7: API Export for exports, API Import for imports, Delete Records for deletes (not DAG or
 * File Repository), API Import for File Repository and user deletes, lists and folders; users in
 * a DAG may not export, import or delete DAGs. Super tokens skip this step.
 */
export function checkPipelineRights(content: string, action: ApiAction, access: Access): void {
  const { rights } = access
  if (action === 'export' && !rights.apiExport) throw forbidden(MSG.noApiExport)
  if ((action === 'import' || action === 'import_app') && !rights.apiImport)
    throw forbidden(MSG.noApiImport)
  const importScoped = content === 'fileRepository' || content === 'user'
  if (importScoped && (action === 'delete' || action === 'createFolder') && !rights.apiImport)
    throw forbidden(MSG.noApiImport)
  if (
    action === 'delete' &&
    content !== 'dag' &&
    content !== 'fileRepository' &&
    !rights.recordDelete
  )
    throw forbidden(MSG.noDelete)
  if (action === 'rename' && !rights.recordRename) throw forbidden(MSG.noRename)
  if (action === 'randomize' && !rights.randomize) throw forbidden(MSG.noRandomize)
  if (
    content === 'dag' &&
    access.dagId !== null &&
    (action === 'export' || action === 'import' || action === 'delete')
  )
    throw forbidden(MSG.dagAssigned(action))
}

/** A content's own precondition, checked after the pipeline, before its handler. */
export interface Requirement {
  readonly met: (access: Access, project: Project) => boolean
  readonly error: () => StandinError
}

function needs(met: Requirement['met'], error: () => StandinError): Requirement {
  return { met, error }
}

/** Named requirements, one per REDCap refusal; content modules list the ones they need. */
export const REQUIRE = {
  /** Record export, report, log, generateNextRecordName: Data Export not "No Access". */
  dataExport: needs(
    (a) => a.rights.dataExport !== 'none',
    () => forbidden(MSG.noDataExport),
  ),
  /** api_124: metadata, arm, event, formEventMapping changes. */
  designForImport: needs(
    (a) => a.rights.apiImport && a.rights.design,
    () => badRequest(MSG.api124),
  ),
  /** api_228: project_settings, repeatingFormsEvents import. */
  designSetup: needs(
    (a) => a.rights.apiImport && a.rights.design,
    () => badRequest(MSG.api228),
  ),
  /** repeatingFormsEvents export. */
  designForExport: needs(
    (a) => a.rights.apiExport && a.rights.design,
    () => badRequest(MSG.exportDesign),
  ),
  /** Design changes only in Development. */
  development: needs(
    (_a, p) => p.status === 'development',
    () => badRequest(MSG.production),
  ),
  /** Record import refused in Analysis/Cleanup. */
  notInAnalysis: needs(
    (_a, p) => p.status !== 'analysis',
    () => forbidden(MSG.analysisImport),
  ),
  /** Record delete also needs API Import. */
  importForDelete: needs(
    (a) => a.rights.apiImport && a.rights.recordDelete,
    () => badRequest(MSG.deleteRights),
  ),
  /** api_229: user and userRole export. */
  userRightsExport: needs(
    (a) => a.rights.apiExport && a.rights.userRights !== 0,
    () => badRequest(MSG.api229),
  ),
  /** api_103: user import and delete. */
  userRightsImport: needs(
    (a) => a.rights.apiImport && a.rights.userRights === 1,
    () => badRequest(MSG.api103),
  ),
  dagExport: needs(
    (a) => a.rights.apiExport && a.rights.dataAccessGroups,
    () => badRequest(MSG.dagExport),
  ),
  dagImport: needs(
    (a) => a.rights.apiImport && a.rights.dataAccessGroups,
    () => badRequest(MSG.dagImport),
  ),
  fileRepository: needs(
    (a) => a.rights.fileRepository,
    () => forbidden(MSG.fileRepositoryRights),
  ),
  logging: needs(
    (a) => a.rights.logging,
    () => forbidden(MSG.loggingRights),
  ),
  /** dag delete: the DAG right alone (neither API Import nor Delete Records is checked). */
  dagDelete: needs(
    (a) => a.rights.dataAccessGroups,
    () => badRequest(MSG.dagImport),
  ),
  /** file import refused in Analysis/Cleanup. */
  notInAnalysisUpload: needs(
    (_a, p) => p.status !== 'analysis',
    () => forbidden(MSG.analysisUpload),
  ),
  /** survey links, codes and participant lists: Survey Distribution Tools. */
  surveyTools: needs(
    (a) => a.rights.manageSurveyParticipants,
    () => forbidden(MSG.surveyRights),
  ),
} as const satisfies Record<string, Requirement>
