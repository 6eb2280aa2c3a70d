/**
 * The content registry: `content` → its module. Adding a content is adding a file under
 * `contents/` and one line here. Contents REDCap supports but standin has not implemented yet are
 * answered like unknown ones (400 "content" is not valid).
 */
import arm from './arm.js'
import event from './event.js'
import exportFieldNames from './export-field-names.js'
import formEventMapping from './form-event-mapping.js'
import generateNextRecordName from './generate-next-record-name.js'
import instrument from './instrument.js'
import metadata from './metadata.js'
import project from './project.js'
import projectXml from './project-xml.js'
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
  instrument,
  arm,
  event,
  formEventMapping,
  exportFieldNames,
  repeatingFormsEvents,
  generateNextRecordName,
]

export const CONTENT_REGISTRY: ReadonlyMap<string, ContentDef> = new Map(
  CONTENTS.map((def) => [def.content, def]),
)
