/**
 * `content=record`: export without `data`, import with it, `action=delete` to delete.
 * (`rename` and `randomize` are REDCap actions standin does not implement: 400 "action".)
 */
import { REQUIRE } from '../state/rights.js'
import { deleteRecords } from './record-delete.js'
import { exportRecords } from './record-export.js'
import { importRecordData } from './record-import.js'
import { appendLog } from '../state/logging.js'
import type { Reply } from '../wire/reply.js'
import type { ContentDef, ProjectCall } from './types.js'

/** Record exports are logged as data exports (REDCap's `logtype=export`). */
function exportAndLog(call: ProjectCall): Reply {
  const reply = exportRecords(call)
  appendLog(call, { action: 'Data Export', details: 'Export data (API)', type: 'export' })
  return reply
}

const record: ContentDef = {
  content: 'record',
  action: { from: 'data', explicit: ['delete', 'rename', 'randomize'] },
  actions: {
    export: { requires: [REQUIRE.dataExport], run: exportAndLog },
    import: { requires: [REQUIRE.notInAnalysis], run: importRecordData },
    delete: { requires: [REQUIRE.importForDelete], run: deleteRecords },
  },
}
export default record
