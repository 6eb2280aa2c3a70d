/**
 * `content=surveyQueueLink` (protocol notes §2.4): the record's survey queue link,
 * `<base>/surveys/?sq=HASH` (plain text). Needs API Export and Survey Distribution Tools.
 */
import { REQUIRE } from '../state/rights.js'
import { queueLink, surveyRecord } from '../state/surveys.js'
import { textReply, type Reply } from '../wire/reply.js'
import type { ContentDef, ProjectCall } from './types.js'

function run(call: ProjectCall): Reply {
  const { project, params, access, deps } = call
  const entry = surveyRecord(project, access, params)
  return textReply(call.returnFormat, queueLink(project, deps.baseUrl, entry.id, deps.random))
}

const surveyQueueLink: ContentDef = {
  content: 'surveyQueueLink',
  action: { from: 'data' },
  actions: { export: { requires: [REQUIRE.surveyTools], run } },
}
export default surveyQueueLink
