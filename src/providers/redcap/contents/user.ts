/**
 * `content=user` (protocol notes §2.4): export the project's users with their rights (a role's
 * rights when they have one), import users (new ones join the project, known ones get the rights
 * the row gives), and delete users (`users` array; their API tokens die with them). Export needs
 * api_229 rights, import and delete api_103. Changes are logged as user-rights events.
 */
import { badRequest, MSG, rejectUnknown } from '../wire/messages.js'
import type { Project, ProjectUser } from '../state/model.js'
import { appendLog } from '../state/logging.js'
import { membersByName } from '../state/project-shape.js'
import { effectiveRights, REQUIRE } from '../state/rights.js'
import { RightsSchema } from '../state/seed.js'
import { newUser } from '../state/tokens.js'
import {
  formRights,
  rightsFromWire,
  rightsTable,
  rightsToWire,
  USER_RIGHT_NAMES,
} from '../wire/user-rights.js'
import { readDataRows, type DataRow } from '../wire/data.js'
import { bareReply } from '../wire/reply.js'
import { GENERIC_ACTIONS, tableFormat, type ContentDef, type ProjectCall } from './types.js'
import { PARSE_ONCE } from '../../../core/parse-once.js'

const COLUMNS = [
  'username',
  'email',
  'firstname',
  'lastname',
  'expiration',
  'data_access_group',
  'data_access_group_id',
  'data_access_group_label',
  ...USER_RIGHT_NAMES,
  'forms',
  'forms_export',
]

/** What a user added through the API starts with (REDCap's "Add with custom rights" defaults). */
const NEW_USER_RIGHTS = RightsSchema.parse(
  {
    apiExport: false,
    apiImport: false,
    design: false,
    userRights: 0,
    dataAccessGroups: false,
    dataExport: 'deidentified',
    logging: false,
    dataImportTool: false,
    dataComparisonTool: false,
    dataQualityCreate: false,
    dataQualityExecute: false,
    recordRename: false,
    recordDelete: false,
  },
  PARSE_ONCE,
)

function exportUsers(call: ProjectCall) {
  const { project, state } = call
  const rows = membersByName(project).map((member) => {
    const user = state.users.get(member.username)
    const rights = effectiveRights(project, member)
    const dag = project.dags.find((d) => d.id === member.dagId)
    return {
      username: member.username,
      email: user?.email ?? '',
      firstname: user?.firstname ?? '',
      lastname: user?.lastname ?? '',
      expiration: rights.expiration ?? '',
      data_access_group: dag?.uniqueName ?? '',
      data_access_group_id: dag?.id ?? '',
      data_access_group_label: dag?.name ?? '',
      ...rightsToWire(rights),
      ...formRights(project, rights),
    }
  })
  return rightsTable(tableFormat(call), rows, COLUMNS)
}

/** The row's DAG by unique name (`data_access_group`) or id (`data_access_group_id`). */
function dagOf(project: Project, row: DataRow): number | null | undefined {
  const [param, value, key] =
    row.data_access_group !== undefined
      ? (['data_access_group', row.data_access_group, 'uniqueName'] as const)
      : (['data_access_group_id', row.data_access_group_id, 'id'] as const)
  if (value === undefined) return undefined
  if (value.trim() === '') return null
  const dag = project.dags.find((d) => String(d[key]) === value.trim())
  if (!dag) rejectUnknown(param, [value], () => false)
  return dag?.id ?? null
}

function importUsers(call: ProjectCall) {
  const { project, state } = call
  const rows = readDataRows(call.format, call.data ?? '')
  if (rows.some((r) => (r.username ?? '').trim() === ''))
    throw badRequest(MSG.missingName('username'))
  // Every row is checked before anything changes: one bad value refuses the whole import.
  const plans = rows.map((row) => {
    const username = (row.username ?? '').trim()
    const known = project.users.get(username)
    return {
      row,
      username,
      known,
      dagId: dagOf(project, row),
      rights: rightsFromWire(known?.rights ?? NEW_USER_RIGHTS, row),
    }
  })
  for (const { row, username, known, dagId, rights } of plans) {
    const member: ProjectUser = known ?? {
      username,
      rights,
      roleId: null,
      dagId: null,
      token: null,
      credentialId: null,
    }
    member.rights = rights
    if (dagId !== undefined) member.dagId = dagId
    if (!state.users.has(username))
      state.users.set(username, {
        ...newUser(username),
        email: row.email ?? '',
        firstname: row.firstname ?? '',
        lastname: row.lastname ?? '',
      })
    project.users.set(username, member)
    const action = known ? 'Edit user' : 'Add user'
    appendLog(call, { action, details: `user = '${username}'`, type: 'user' })
  }
  return bareReply(call.returnFormat, rows.length)
}

function deleteUsers(call: ProjectCall) {
  const { project, deps } = call
  const names = call.params.list('users')
  rejectUnknown('users', names, (u) => project.users.has(u))
  for (const username of names) {
    const member = project.users.get(username)
    if (member?.credentialId) deps.credentials.revoke(member.credentialId, 'user removed')
    project.users.delete(username)
    project.dagSwitcher.delete(username)
    appendLog(call, { action: 'Delete user', details: `user = '${username}'`, type: 'user' })
  }
  return bareReply(call.returnFormat, names.length)
}

const user: ContentDef = {
  content: 'user',
  action: { from: 'param', allowed: GENERIC_ACTIONS, dataMeansImport: true },
  actions: {
    export: { requires: [REQUIRE.userRightsExport], run: exportUsers },
    import: { requires: [REQUIRE.userRightsImport], run: importUsers },
    delete: { requires: [REQUIRE.userRightsImport], run: deleteUsers },
  },
}
export default user
