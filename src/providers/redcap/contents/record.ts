/**
 * `content=record`: export without `data`, import with it, `action=delete` to delete.
 * (`rename` and `randomize` are REDCap actions standin does not implement: 400 "action".)
 */
import { REQUIRE } from '../rights.js'
import { deleteRecords } from './record-delete.js'
import { exportRecords } from './record-export.js'
import { importRecordData } from './record-import.js'
import type { ContentDef } from './types.js'

const record: ContentDef = {
  content: 'record',
  action: { from: 'data', explicit: ['delete', 'rename', 'randomize'] },
  actions: {
    export: { requires: [REQUIRE.dataExport], run: exportRecords },
    import: { requires: [REQUIRE.notInAnalysis], run: importRecordData },
    delete: { requires: [REQUIRE.importForDelete], run: deleteRecords },
  },
}
export default record
