/**
 * Checks on a hand-edited inline project (`projects[].content`), so a scenario that names an event,
 * DAG, file or folder it does not define is refused at load with the path of the problem, instead
 * of failing a request later; and the ids REDCap shares between projects stay unique.
 */
import type { IdSequence, Project, RedcapState } from './model.js'
import type { ProjectContent } from './project-content.js'

function fail(project: number, message: string): never {
  throw new Error(`Project ${String(project)} content: ${message}`)
}

function known(
  project: number,
  ids: ReadonlySet<number | null>,
  id: number | null,
  what: string,
): void {
  if (id !== null && !ids.has(id)) fail(project, `no ${what} has id ${String(id)}.`)
}

export function checkContent(id: number, c: ProjectContent): void {
  const events = new Set(c.events.map((e) => e.id))
  const dags = new Set(c.dags.map((d) => d.id))
  const docs = new Set(c.docs.map((d) => d.id))
  const folders = new Set(c.repository.folders.map((f) => f.id))
  const roles = new Set(c.roles.map((r) => r.id))
  const eventRefs = [
    ...c.mapping.map((m) => m.eventId),
    ...c.repeating.map((r) => r.eventId),
    ...c.participants.map((p) => p.eventId),
    ...c.records.flatMap((r) => r.rows.map((row) => row.eventId)),
  ]
  for (const ref of eventRefs) known(id, events, ref, 'event')
  for (const r of c.records) known(id, dags, r.dagId, 'DAG')
  for (const e of c.log) known(id, dags, e.dagId, 'DAG')
  for (const [, ids] of c.dagSwitcher) for (const ref of ids) known(id, dags, ref, 'DAG')
  for (const f of c.repository.folders) {
    known(id, folders, f.parentId, 'folder')
    known(id, dags, f.dagId, 'DAG')
    known(id, roles, f.roleId, 'role')
  }
  for (const f of c.repository.files) {
    known(id, docs, f.docId, 'file')
    known(id, folders, f.folderId, 'folder')
  }
  if (new Set(c.records.map((r) => r.id)).size !== c.records.length)
    fail(id, 'a record is listed twice.')
}

const SHARED = ['event', 'dag', 'role', 'doc', 'folder'] as const

function idsOf(project: Project): Record<(typeof SHARED)[number], number[]> {
  return {
    event: project.events.map((e) => e.id),
    dag: project.dags.map((d) => d.id),
    role: project.roles.map((r) => r.id),
    doc: [...project.docs.keys()],
    folder: project.repository.folders.map((f) => f.id),
  }
}

/**
 * Refuses an id two projects (or one, twice) use, and moves the next ids past every id in use, so
 * a project or event made later never takes one.
 */
export function claimIds(state: RedcapState): void {
  const seen: Record<string, Set<number>> = {}
  for (const project of state.projects.values()) {
    const ids = idsOf(project)
    for (const kind of SHARED) {
      const taken = (seen[kind] ??= new Set())
      for (const value of ids[kind]) {
        if (taken.has(value)) fail(project.id, `${kind} id ${String(value)} is used twice.`)
        taken.add(value)
        const key: keyof IdSequence = kind
        state.sequence[key] = Math.max(state.sequence[key], value + 1)
      }
    }
  }
}
