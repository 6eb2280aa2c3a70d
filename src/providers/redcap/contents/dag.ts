/**
 * `content=dag` (protocol notes §2.4): export the project's Data Access Groups; import them (a
 * blank `unique_group_name` creates a group, a known one renames it); delete them (`dags` array:
 * their records and users are left unassigned); and `switch`, which moves the caller to another
 * DAG the DAG Switcher allows (no right is checked). Export needs API Export and the DAG right
 * (400), import API Import and the DAG right, delete the DAG right alone.
 */
import { uniqueGroupName } from '../state/dag-names.js'
import { logDesign } from '../state/logging.js'
import { badRequest, MSG, rejectUnknown } from '../wire/messages.js'
import { REQUIRE } from '../state/rights.js'
import { readDataRows } from '../wire/data.js'
import { bareReply, tableReply } from '../wire/reply.js'
import { GENERIC_ACTIONS, tableFormat, type ContentDef, type ProjectCall } from './types.js'

const COLUMNS = ['data_access_group_name', 'unique_group_name', 'data_access_group_id']

function exportDags(call: ProjectCall) {
  const rows = call.project.dags.map((d) => ({
    data_access_group_name: d.name,
    unique_group_name: d.uniqueName,
    data_access_group_id: d.id,
  }))
  return tableReply(tableFormat(call), rows, { columns: COLUMNS })
}

function importDags(call: ProjectCall) {
  const { project, state } = call
  const rows = readDataRows(call.format, call.data ?? '')
  if (rows.some((r) => (r.data_access_group_name ?? '').trim() === ''))
    throw badRequest(MSG.missingName('data_access_group_name'))
  const named = rows.map((r) => (r.unique_group_name ?? '').trim()).filter((u) => u !== '')
  rejectUnknown('unique_group_name', named, (u) => project.dags.some((d) => d.uniqueName === u))
  for (const row of rows) {
    const name = (row.data_access_group_name ?? '').trim()
    const dag = project.dags.find((d) => d.uniqueName === (row.unique_group_name ?? '').trim())
    if (dag) {
      dag.name = name
      logDesign(call, `Rename data access group (API): ${name}`)
    } else {
      const uniqueName = uniqueGroupName(project, name)
      project.dags.push({ id: state.sequence.dag++, name, uniqueName })
      logDesign(call, `Create data access group (API): ${name}`)
    }
  }
  return bareReply(call.returnFormat, rows.length)
}

function deleteDags(call: ProjectCall) {
  const { project } = call
  const names = call.params.list('dags')
  rejectUnknown('dags', names, (u) => project.dags.some((d) => d.uniqueName === u))
  const gone = new Set(project.dags.filter((d) => names.includes(d.uniqueName)).map((d) => d.id))
  const unassign = (id: number | null) => (id !== null && gone.has(id) ? null : id)
  for (const entry of project.records.values()) entry.dagId = unassign(entry.dagId)
  for (const member of project.users.values()) member.dagId = unassign(member.dagId)
  for (const [username, dags] of project.dagSwitcher)
    project.dagSwitcher.set(
      username,
      dags.filter((d) => d === null || !gone.has(d)),
    )
  for (const folder of project.repository.folders) folder.dagId = unassign(folder.dagId)
  for (const dag of project.dags.filter((d) => gone.has(d.id)))
    logDesign(call, `Delete data access group (API): ${dag.name}`)
  project.dags = project.dags.filter((d) => !gone.has(d.id))
  return bareReply(call.returnFormat, names.length)
}

function switchDag(call: ProjectCall) {
  const { project, params, access } = call
  const unique = params.text('dag')
  const dag = project.dags.find((d) => d.uniqueName === unique)
  const target = unique === '' ? null : (dag?.id ?? -1)
  const allowed = project.dagSwitcher.get(access.username) ?? []
  const member = project.users.get(access.username)
  if (!member || target === -1 || !allowed.includes(target))
    throw badRequest(MSG.notInDagSwitcher(unique))
  member.dagId = target
  logDesign(call, `Switch data access group (API): ${unique === '' ? '[No Assignment]' : unique}`)
  return bareReply(call.returnFormat, 1)
}

const dag: ContentDef = {
  content: 'dag',
  action: { from: 'param', allowed: GENERIC_ACTIONS },
  actions: {
    export: { requires: [REQUIRE.dagExport], run: exportDags },
    import: { requires: [REQUIRE.dagImport], run: importDags },
    delete: { requires: [REQUIRE.dagDelete], run: deleteDags },
    switch: { run: switchDag },
  },
}
export default dag
