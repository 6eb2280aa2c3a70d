/**
 * The content registry: `content` → its module. Adding a content is adding a file under
 * `contents/` and one line here. Contents REDCap supports but standin has not implemented yet are
 * answered like unknown ones (400 "content" is not valid).
 */
import arm from './arm.js'
import dag from './dag.js'
import file from './file.js'
import fileRepository from './file-repository.js'
import log from './log.js'
import participantList from './participant-list.js'
import pdf from './pdf.js'
import report from './report.js'
import surveyAccessCode from './survey-access-code.js'
import surveyLink from './survey-link.js'
import surveyQueueLink from './survey-queue-link.js'
import surveyReturnCode from './survey-return-code.js'
import user from './user.js'
import userDagMapping from './user-dag-mapping.js'
import userRole from './user-role.js'
import userRoleMapping from './user-role-mapping.js'
import event from './event.js'
import exportFieldNames from './export-field-names.js'
import formEventMapping from './form-event-mapping.js'
import generateNextRecordName from './generate-next-record-name.js'
import instrument from './instrument.js'
import metadata from './metadata.js'
import project from './project.js'
import projectXml from './project-xml.js'
import projectSettings from './project-settings.js'
import record from './record.js'
import repeatingFormsEvents from './repeating-forms-events.js'
import type { ContentDef } from './types.js'
import version from './version.js'

const CONTENTS: readonly ContentDef[] = [
  version,
  record,
  metadata,
  project,
  projectXml,
  projectSettings,
  instrument,
  arm,
  event,
  formEventMapping,
  exportFieldNames,
  repeatingFormsEvents,
  generateNextRecordName,
  user,
  userRole,
  userRoleMapping,
  dag,
  userDagMapping,
  file,
  fileRepository,
  report,
  log,
  pdf,
  surveyLink,
  surveyQueueLink,
  surveyAccessCode,
  surveyReturnCode,
  participantList,
]

export const CONTENT_REGISTRY: ReadonlyMap<string, ContentDef> = new Map(
  CONTENTS.map((def) => [def.content, def]),
)
