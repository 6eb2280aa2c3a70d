/**
 * `content=record`: export without `data`, import with it, `action=delete` to delete,
 * `action=rename` to rename one record and `action=randomize` to randomize one.
 */
import { REQUIRE } from '../state/rights.js'
import { deleteRecords } from './record-delete.js'
import { exportRecords } from './record-export.js'
import { importRecordData } from './record-import.js'
import { cachedExport } from './export-cache.js'
import { appendLog } from '../state/logging.js'
import { randomizeRecord } from './record-randomize.js'
import { renameRecord } from './record-rename.js'
import type { Reply } from '../wire/reply.js'
import type { ContentDef, ProjectCall } from './types.js'

/**
 * Record exports are logged as data exports (REDCap's `logtype=export`); the answer may come from
 * the project's export cache (export-cache.ts).
 */
function exportAndLog(call: ProjectCall): Reply {
  const reply = cachedExport(call, exportRecords)
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
    rename: { run: renameRecord },
    randomize: { run: randomizeRecord },
  },
}
export default record
