/**
 * `content=userDagMapping` (protocol notes §2.4): each user's DAG (`redcap_data_access_group`,
 * blank for none), and its import, which assigns or unassigns users. The DAG right is needed
 * either way (with API Export, or API Import).
 */
import { logDesign } from '../state/logging.js'
import { badRequest, MSG, rejectUnknown } from '../wire/messages.js'
import { membersByName } from '../state/project-shape.js'
import { REQUIRE } from '../state/rights.js'
import { readDataRows } from '../wire/data.js'
import { bareReply, tableReply } from '../wire/reply.js'
import { tableFormat, type ContentDef, type ProjectCall } from './types.js'

function exportMapping(call: ProjectCall) {
  const { project } = call
  const rows = membersByName(project).map((m) => ({
    username: m.username,
    redcap_data_access_group: project.dags.find((d) => d.id === m.dagId)?.uniqueName ?? '',
  }))
  return tableReply(tableFormat(call), rows, {
    columns: ['username', 'redcap_data_access_group'],
  })
}

function importMapping(call: ProjectCall) {
  const { project } = call
  const rows = readDataRows(call.format, call.data ?? '').map((r) => ({
    username: (r.username ?? '').trim(),
    dag: (r.redcap_data_access_group ?? '').trim(),
  }))
  if (rows.some((r) => r.username === '')) throw badRequest(MSG.missingName('username'))
  rejectUnknown(
    'username',
    rows.map((r) => r.username),
    (u) => project.users.has(u),
  )
  rejectUnknown(
    'redcap_data_access_group',
    rows.map((r) => r.dag).filter((d) => d !== ''),
    (u) => project.dags.some((d) => d.uniqueName === u),
  )
  for (const row of rows) {
    const member = project.users.get(row.username)
    if (!member) continue
    member.dagId = project.dags.find((d) => d.uniqueName === row.dag)?.id ?? null
    logDesign(
      call,
      `Assign user to data access group (API): user = '${row.username}', group = '${row.dag}'`,
    )
  }
  return bareReply(call.returnFormat, rows.length)
}

const userDagMapping: ContentDef = {
  content: 'userDagMapping',
  action: { from: 'data' },
  actions: {
    export: { requires: [REQUIRE.dagExport], run: exportMapping },
    import: { requires: [REQUIRE.dagImport], run: importMapping },
  },
}
export default userDagMapping
