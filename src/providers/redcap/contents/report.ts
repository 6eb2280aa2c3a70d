/**
 * `content=report` (protocol notes §2.4): a report defined on the project, exported like a flat
 * record export of its fields, events and filter, with the caller's rawOrLabel,
 * rawOrLabelHeaders, exportCheckboxLabel, csvDelimiter and decimalCharacter. A report id the
 * project does not hold is a 403.
 */
import { forbidden, MSG } from '../wire/messages.js'
import { appendLog } from '../state/logging.js'
import { REQUIRE } from '../state/rights.js'
import { ApiParams } from '../wire/params.js'
import type { Reply } from '../wire/reply.js'
import { exportRecords } from './record-export.js'
import { tableFormat, type ContentDef, type ProjectCall } from './types.js'

/** The caller's parameters a report export honours. */
const PASSED = [
  'rawOrLabel',
  'rawOrLabelHeaders',
  'exportCheckboxLabel',
  'csvDelimiter',
  'decimalCharacter',
]

function exportReport(call: ProjectCall): Reply {
  const id = call.params.text('report_id')
  const report = call.project.reports.find((r) => String(r.id) === id)
  if (!report) throw forbidden(MSG.noReport(id))
  const entries: [string, string][] = [
    ...report.fields.map((f): [string, string] => ['fields[]', f]),
    ...report.events.map((e): [string, string] => ['events[]', e]),
    ['filterLogic', report.filterLogic],
  ]
  for (const name of PASSED) {
    const value = call.params.str(name)
    if (value !== undefined) entries.push([name, value])
  }
  const reply = exportRecords({
    ...call,
    format: tableFormat(call),
    params: new ApiParams(entries),
  })
  appendLog(call, {
    action: 'Data Export',
    details: `Export report (API): ${report.title}`,
    type: 'export',
  })
  return reply
}

const report: ContentDef = {
  content: 'report',
  action: { from: 'data' },
  actions: { export: { requires: [REQUIRE.dataExport], run: exportReport } },
}
export default report
