/**
 * `content=log` (protocol notes §2.4): the project's logging, newest first, as
 * `timestamp` (to the minute), `username`, `action`, `details`, `record`; filtered by `logtype`
 * (`record` takes adds, edits and deletes), `user`, `record`, `dag` (unique group name),
 * `beginTime` and `endTime` (`YYYY-MM-DD HH:MM`, both inclusive). The export itself is logged
 * afterwards as "Export Logging (API)", as REDCapR's live log shows.
 */
import { logDesign } from '../state/logging.js'
import type { LogEntry, Project } from '../state/model.js'
import { REQUIRE } from '../state/rights.js'
import type { ApiParams } from '../wire/params.js'
import { tableReply, type Reply } from '../wire/reply.js'
import { tableFormat, type ContentDef, type ProjectCall } from './types.js'

const COLUMNS = ['timestamp', 'username', 'action', 'details', 'record']
const RECORD_TYPES = ['record_add', 'record_edit', 'record_delete']

function matcher(project: Project, params: ApiParams): (entry: LogEntry) => boolean {
  const type = params.text('logtype')
  const user = params.text('user')
  const record = params.text('record')
  const dag = params.text('dag')
  const dagId = project.dags.find((d) => d.uniqueName === dag)?.id ?? -1
  const begin = params.text('beginTime').slice(0, 16)
  const end = params.text('endTime').slice(0, 16)
  return (entry) => {
    const minute = entry.timestamp.slice(0, 16)
    return (
      (type === '' ||
        entry.type === type ||
        (type === 'record' && RECORD_TYPES.includes(entry.type))) &&
      (user === '' || entry.username === user) &&
      (record === '' || entry.record === record) &&
      (dag === '' || entry.dagId === dagId) &&
      (begin === '' || minute >= begin) &&
      (end === '' || minute <= end)
    )
  }
}

function exportLog(call: ProjectCall): Reply {
  const { project, params } = call
  const keep = matcher(project, params)
  const rows = project.log
    .filter(keep)
    .reverse()
    .map((e) => ({
      timestamp: e.timestamp.slice(0, 16),
      username: e.username,
      action: e.action,
      details: e.details,
      record: e.record,
    }))
  const reply = tableReply(tableFormat(call), rows, { columns: COLUMNS })
  logDesign(call, 'Export Logging (API)')
  return reply
}

const log: ContentDef = {
  content: 'log',
  action: { from: 'data' },
  actions: { export: { requires: [REQUIRE.dataExport, REQUIRE.logging], run: exportLog } },
}
export default log
