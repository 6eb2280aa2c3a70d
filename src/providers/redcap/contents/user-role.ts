/**
 * `content=userRole` (protocol notes §2.4): export the project's roles with their rights (strings
 * in JSON, as PyCap's doctest shows them), import roles (a blank `unique_role_name` creates one,
 * named `U-` and ten characters as REDCap names them; a known one is relabelled and its rights
 * changed), delete roles (`roles` array; their users keep their own rights). User Rights needed.
 */
import { badRequest, MSG, rejectUnknown } from '../wire/messages.js'
import { appendLog } from '../state/logging.js'
import { REQUIRE } from '../state/rights.js'
import { RightsSchema } from '../state/seed.js'
import {
  formRights,
  rightsFromWire,
  rightsTable,
  rightsToWire,
  ROLE_RIGHT_NAMES,
} from '../wire/user-rights.js'
import { readDataRows } from '../wire/data.js'
import { bareReply } from '../wire/reply.js'
import { GENERIC_ACTIONS, tableFormat, type ContentDef, type ProjectCall } from './types.js'

const COLUMNS = ['unique_role_name', 'role_label', ...ROLE_RIGHT_NAMES, 'forms', 'forms_export']

function exportRoles(call: ProjectCall) {
  const { project } = call
  const rows = [...project.roles]
    .sort((a, b) => a.label.localeCompare(b.label))
    .map((role) => {
      const flags = Object.entries(rightsToWire(role.rights)).map(([k, v]): [string, string] => [
        k,
        String(v),
      ])
      return {
        unique_role_name: role.uniqueName,
        role_label: role.label,
        ...Object.fromEntries(flags),
        ...formRights(project, role.rights),
      }
    })
  return rightsTable(tableFormat(call), rows, COLUMNS)
}

function importRoles(call: ProjectCall) {
  const { project, state, deps } = call
  const rows = readDataRows(call.format, call.data ?? '')
  if (rows.some((r) => (r.role_label ?? '').trim() === ''))
    throw badRequest(MSG.missingName('role_label'))
  const named = rows.map((r) => (r.unique_role_name ?? '').trim()).filter((u) => u !== '')
  rejectUnknown('unique_role_name', named, (u) => project.roles.some((r) => r.uniqueName === u))
  const plans = rows.map((row) => {
    const role = project.roles.find((r) => r.uniqueName === (row.unique_role_name ?? '').trim())
    const base = role?.rights ?? RightsSchema.parse({ apiExport: false, apiImport: false })
    return { role, label: (row.role_label ?? '').trim(), rights: rightsFromWire(base, row) }
  })
  for (const { role, label, rights } of plans) {
    if (role) {
      role.label = label
      role.rights = rights
    } else {
      const uniqueName = `U-${deps.random.alphanumeric(10).toUpperCase()}`
      project.roles.push({ id: state.sequence.role++, uniqueName, label, rights })
    }
    appendLog(call, {
      action: role ? 'Edit user role' : 'Add role',
      details: `role = '${label}'`,
      type: 'user',
    })
  }
  return bareReply(call.returnFormat, rows.length)
}

function deleteRoles(call: ProjectCall) {
  const { project } = call
  const names = call.params.list('roles')
  rejectUnknown('roles', names, (u) => project.roles.some((r) => r.uniqueName === u))
  for (const name of names) {
    const role = project.roles.find((r) => r.uniqueName === name)
    if (!role) continue
    for (const member of project.users.values()) if (member.roleId === role.id) member.roleId = null
    project.roles = project.roles.filter((r) => r !== role)
    appendLog(call, { action: 'Delete role', details: `role = '${role.label}'`, type: 'user' })
  }
  return bareReply(call.returnFormat, names.length)
}

const userRole: ContentDef = {
  content: 'userRole',
  action: { from: 'param', allowed: GENERIC_ACTIONS, dataMeansImport: true },
  actions: {
    export: { requires: [REQUIRE.userRightsExport], run: exportRoles },
    import: { requires: [REQUIRE.userRightsImport], run: importRoles },
    delete: { requires: [REQUIRE.userRightsImport], run: deleteRoles },
  },
}
export default userRole
