/**
 * `content=generateNextRecordName`: the next record name as plain text (highest integer name + 1;
 * users in a DAG get `DAGID-n`).
 */
import { REQUIRE } from '../state/rights.js'
import { nextRecordName } from '../state/records/store.js'
import { textReply } from '../wire/reply.js'
import type { ContentDef, ProjectCall } from './types.js'

function generate(call: ProjectCall) {
  return textReply(call.format, nextRecordName(call.project, call.access.dagId))
}

const generateNextRecordName: ContentDef = {
  content: 'generateNextRecordName',
  action: { from: 'data' },
  actions: { export: { requires: [REQUIRE.dataExport], run: generate } },
}
export default generateNextRecordName
