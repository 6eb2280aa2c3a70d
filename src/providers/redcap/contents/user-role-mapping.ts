/**
 * `content=userRoleMapping` (protocol notes §2.4): which role each user has (`unique_role_name`,
 * blank for none), and its import, which assigns or unassigns. REDCap 15.8.2 added the user's
 * `data_access_group` to the export (redcapAPI's structures gate it on that version), so standin
 * sends it when its version is at least that.
 */
import { MSG, badRequest, rejectUnknown } from '../wire/messages.js'
import { appendLog } from '../state/logging.js'
import { membersByName } from '../state/project-shape.js'
import { REQUIRE } from '../state/rights.js'
import { versionAtLeast } from '../wire/version-compare.js'
import { readDataRows } from '../wire/data.js'
import { bareReply, tableReply } from '../wire/reply.js'
import { tableFormat, type ContentDef, type ProjectCall } from './types.js'

function exportMapping(call: ProjectCall) {
  const { project, state } = call
  const withDag = versionAtLeast(state.system.version, '15.8.2')
  const rows = membersByName(project).map((m) => ({
    username: m.username,
    unique_role_name: project.roles.find((r) => r.id === m.roleId)?.uniqueName ?? '',
    ...(withDag
      ? { data_access_group: project.dags.find((d) => d.id === m.dagId)?.uniqueName ?? '' }
      : {}),
  }))
  const columns = ['username', 'unique_role_name', ...(withDag ? ['data_access_group'] : [])]
  return tableReply(tableFormat(call), rows, { columns })
}

function importMapping(call: ProjectCall) {
  const { project } = call
  const rows = readDataRows(call.format, call.data ?? '')
  if (rows.some((r) => (r.username ?? '').trim() === ''))
    throw badRequest(MSG.missingName('username'))
  rejectUnknown(
    'username',
    rows.map((r) => (r.username ?? '').trim()),
    (u) => project.users.has(u),
  )
  const roles = rows.map((r) => (r.unique_role_name ?? '').trim()).filter((u) => u !== '')
  rejectUnknown('unique_role_name', roles, (u) => project.roles.some((r) => r.uniqueName === u))
  for (const row of rows) {
    const member = project.users.get((row.username ?? '').trim())
    const role = project.roles.find((r) => r.uniqueName === (row.unique_role_name ?? '').trim())
    if (!member) continue
    member.roleId = role?.id ?? null
    appendLog(call, {
      action: role ? 'Assign user to role' : 'Remove user from role',
      details: `user = '${member.username}'${role ? `, role = '${role.label}'` : ''}`,
      type: 'user',
    })
  }
  return bareReply(call.returnFormat, rows.length)
}

const userRoleMapping: ContentDef = {
  content: 'userRoleMapping',
  action: { from: 'data' },
  actions: {
    export: { requires: [REQUIRE.userRightsExport], run: exportMapping },
    import: { requires: [REQUIRE.userRightsImport], run: importMapping },
  },
}
export default userRoleMapping
