/**
 * Projects from `fixtures/epicollect/projects/<slug>/`: `project.json` (the definition, the mapping
 * and the project's own dates) is read at load; `entries.json` and `branch-entries.json` are read
 * and indexed the first time a request needs them, so a cold start never parses the large tables.
 * Media files sit under `media/` (see media-export.ts).
 */
import { z } from 'zod'
import type { FixtureStore } from '../../core/fixtures.js'
import { ProjectDefinitionSchema, ProjectModel, type ProjectDefinition } from './definition.js'
import { EntryStore, EntryTablesSchema, type EntryTable } from './entry-store.js'
import { createAutoMapping, ProjectMappingSchema, type ProjectMap } from './mapping.js'
import { inMysqlJsonOrder } from './mysql-json.js'

export const PROJECTS_DIR = 'epicollect/projects'

const ProjectFileSchema = z
  .object({
    updated_at: z.string().describe('projects.updated_at, Y-m-d H:i:s; orders search results.'),
    structure_last_updated: z.string().describe('project_structures.updated_at, Y-m-d H:i:s.'),
    definition: ProjectDefinitionSchema,
    mapping: ProjectMappingSchema.optional().describe('Omitted: EC5_AUTO only, generated.'),
  })
  .strict()

export interface ProjectRecord {
  readonly slug: string
  readonly name: string
  readonly ref: string
  readonly access: 'public' | 'private'
  /** active, locked, trashed or archived; the last two answer as if the project did not exist. */
  readonly status: string
  readonly updatedAt: string
  readonly structureLastUpdated: string
  /** As the server stores it (MySQL JSON key order). */
  readonly definition: ProjectDefinition
  readonly mapping: readonly ProjectMap[]
  readonly model: ProjectModel
  /** The fixture folder, relative to `fixtures/`. */
  readonly dir: string
  /** The entries, loaded and indexed on first use. */
  entries(): EntryStore
}

function readTables(fixtures: FixtureStore, path: string): EntryTable[] {
  if (!fixtures.exists(path)) return []
  const parsed = EntryTablesSchema.safeParse(JSON.parse(fixtures.readText(path)))
  if (!parsed.success) throw new Error(`Failed to load fixture "${path}": ${parsed.error.message}`)
  return parsed.data
}

export function loadProject(fixtures: FixtureStore, dirName: string): ProjectRecord {
  const dir = `${PROJECTS_DIR}/${dirName}`
  const file = `${dir}/project.json`
  const parsed = ProjectFileSchema.safeParse(JSON.parse(fixtures.readText(file)))
  if (!parsed.success) {
    const problem = parsed.error.issues[0]
    throw new Error(
      `Failed to load fixture "${file}": ${problem?.path.join('.') ?? ''} ${problem?.message ?? ''}.`,
    )
  }
  const definition = inMysqlJsonOrder(parsed.data.definition)
  const project = definition.project
  if (project.slug !== dirName)
    throw new Error(
      `Failed to load fixture "${file}": its slug "${project.slug}" differs from the folder name.`,
    )
  let entries: EntryStore | undefined
  return {
    slug: project.slug,
    name: project.name,
    ref: project.ref,
    access: project.access,
    status: project.status,
    updatedAt: parsed.data.updated_at,
    structureLastUpdated: parsed.data.structure_last_updated,
    definition,
    mapping: inMysqlJsonOrder(parsed.data.mapping ?? [createAutoMapping(definition)]),
    model: new ProjectModel(definition),
    dir,
    entries() {
      entries ??= new EntryStore(
        readTables(fixtures, `${dir}/entries.json`),
        readTables(fixtures, `${dir}/branch-entries.json`),
      )
      return entries
    },
  }
}

/** Every project folder under `fixtures/epicollect/projects`, or only the named ones. */
export function loadProjects(
  fixtures: FixtureStore,
  only?: readonly string[],
): Map<string, ProjectRecord> {
  const names = only ?? fixtures.list(PROJECTS_DIR)
  const projects = new Map<string, ProjectRecord>()
  for (const name of names) {
    if (!fixtures.exists(`${PROJECTS_DIR}/${name}/project.json`)) {
      if (only)
        throw new Error(
          `Failed to load Epicollect5 project "${name}": no ${PROJECTS_DIR}/${name}/project.json.`,
        )
      continue
    }
    const record = loadProject(fixtures, name)
    projects.set(record.slug, record)
  }
  return projects
}
