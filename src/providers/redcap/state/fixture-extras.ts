/**
 * The parts of a project fixture beyond its design and records: reports, the File Repository
 * (folders, and documents read from `repository/`), logging history and survey participants
 * added by e-mail. Names (events, DAGs, roles, folders) are resolved to ids here.
 */
import { z } from 'zod'
import { storeDoc } from './stored-files.js'
import type { LogType, Project, RedcapState } from './model.js'
import { eventByUniqueName, firstEvent } from './project-shape.js'

const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/

export const LOG_TYPES = [
  'export',
  'manage',
  'user',
  'record_add',
  'record_edit',
  'record_delete',
  'lock_record',
  'page_view',
] as const satisfies readonly LogType[]

// Built on first use (`z.lazy`): the bin carries its shipped fixture projects checked
// (`readProjectFixture`, src/core/parsed-ahead.ts), so a start needs no schema for them.
export const ExtrasFixtureSchema = z.lazy(() =>
  z.object({
    reports: z
      .array(
        z
          .object({
            id: z.number().int().positive().describe('report_id (REDCap report ids are global).'),
            title: z.string().min(1),
            fields: z.array(z.string()).min(1),
            events: z.array(z.string()).default([]),
            filterLogic: z.string().default(''),
          })
          .strict(),
      )
      .default([]),
    fileRepository: z
      .object({
        folders: z
          .array(
            z
              .object({
                name: z.string().min(1),
                parent: z.string().optional(),
                dag: z.string().optional(),
                role: z.string().optional(),
              })
              .strict(),
          )
          .default([]),
        /** Each file is read from `repository/<name>` in the fixture folder. */
        files: z
          .array(z.object({ name: z.string().min(1), folder: z.string().optional() }).strict())
          .default([]),
      })
      .strict()
      .default({ folders: [], files: [] }),
    log: z
      .array(
        z
          .object({
            timestamp: z.string().regex(TIMESTAMP),
            username: z.string(),
            action: z.string(),
            details: z.string().default(''),
            record: z.string().default(''),
            type: z.enum(LOG_TYPES),
          })
          .strict(),
      )
      .default([]),
    surveyParticipants: z
      .array(
        z
          .object({
            form: z.string(),
            event: z.string().default(''),
            email: z.string(),
            identifier: z.string().default(''),
          })
          .strict(),
      )
      .default([]),
  }),
)

export type ExtrasFixture = z.output<typeof ExtrasFixtureSchema>

function named<T extends { id: number }>(
  items: readonly T[],
  key: (item: T) => string,
  name: string | undefined,
  what: string,
): number | null {
  if (name === undefined) return null
  const found = items.find((item) => key(item) === name)
  if (!found) throw new Error(`The fixture names an unknown ${what} "${name}".`)
  return found.id
}

export function fillExtras(
  state: RedcapState,
  project: Project,
  extras: ExtrasFixture,
  repositoryFiles: ReadonlyMap<string, Uint8Array>,
): void {
  project.reports = extras.reports.map((r) => ({ ...r, fields: [...r.fields] }))
  const folders = project.repository.folders
  for (const f of extras.fileRepository.folders) {
    folders.push({
      id: state.sequence.folder++,
      name: f.name,
      parentId: named(folders, (x) => x.name, f.parent, 'folder'),
      dagId: named(project.dags, (d) => d.uniqueName, f.dag, 'DAG'),
      roleId: named(project.roles, (r) => r.uniqueName, f.role, 'role'),
    })
  }
  for (const f of extras.fileRepository.files) {
    const bytes = repositoryFiles.get(f.name)
    if (!bytes) throw new Error(`The fixture lists "${f.name}" but repository/ does not hold it.`)
    const doc = storeDoc(state, project, { name: f.name, mimeType: '', bytes })
    const folderId = named(folders, (x) => x.name, f.folder, 'folder')
    project.repository.files.push({ docId: doc.id, folderId })
  }
  const recordDag = (record: string) => project.records.get(record)?.dagId ?? null
  project.log = extras.log.map((e) => ({ ...e, dagId: recordDag(e.record) }))
  for (const p of extras.surveyParticipants) {
    const event = p.event === '' ? firstEvent(project) : eventByUniqueName(project, p.event)
    if (!event) throw new Error(`The fixture names an unknown event "${p.event}".`)
    project.participants.push({
      form: p.form,
      eventId: event.id,
      record: '',
      instance: 1,
      email: p.email,
      identifier: p.identifier,
      hash: '',
      accessCode: '',
      returnCode: '',
    })
  }
}
