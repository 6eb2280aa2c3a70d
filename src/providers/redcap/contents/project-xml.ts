/**
 * `content=project_xml`: the whole project as CDISC ODM 1.3.1 project XML (metadata only with
 * `returnMetadataOnly`), narrowed to `records`, with files (`exportFiles`) and DAGs
 * (`exportDataAccessGroups`) when asked for. Always XML, whatever `format` says.
 */
import { writeOdm } from '../wire/odm/write.js'
import { textReply } from '../wire/reply.js'
import type { ContentDef, ProjectCall } from './types.js'

function exportProjectXml(call: ProjectCall) {
  const { params, project } = call
  const records = params.list('records')
  const clinical = params.flag('returnMetadataOnly')
    ? null
    : {
        records: records.length > 0 ? records : null,
        files: params.flag('exportFiles'),
        dags: params.flag('exportDataAccessGroups') && call.access.dagId === null,
      }
  return textReply(
    'xml',
    writeOdm(project, call.state.system.version, call.deps.clock.now(), clinical),
  )
}

const projectXml: ContentDef = {
  content: 'project_xml',
  action: { from: 'data' },
  actions: { export: { run: exportProjectXml } },
}
export default projectXml
