/**
 * Projects from `fixtures/epicollect/projects/<slug>/`. `project.json` holds the definition, the
 * mapping (EC5_AUTO is generated when it is left out) and the project's own dates; it is read and
 * checked at load. `entries.json` and `branch-entries.json` are read and indexed the first time a
 * request needs them, so a cold start never parses the large tables. Media sit under `media/`
 * (see media-export.ts). The format is described in fixtures/epicollect/README.md.
 */
import type { FixtureStore } from '../../../core/fixtures.js'
import { ProjectModel, type ProjectDefinition } from './definition.js'
import { EntryStore, type EntryTable } from './entry-store.js'
import { checkDefinition, checkMapping, checkTables, FixtureShapeError } from './fixture-check.js'
import { createAutoMapping, type ProjectMap } from './mapping.js'

export const PROJECTS_DIR = 'epicollect/projects'

export interface ProjectRecord {
  readonly slug: string
  readonly name: string
  readonly ref: string
  readonly access: 'public' | 'private'
  /** active, locked, trashed or archived; the last two answer as if the project did not exist. */
  readonly status: string
  /** `projects.updated_at` (Y-m-d H:i:s): orders search results. */
  readonly updatedAt: string
  /** `project_structures.updated_at` (Y-m-d H:i:s): the structure version. */
  readonly structureLastUpdated: string
  readonly definition: ProjectDefinition
  readonly mapping: readonly ProjectMap[]
  /** Lookups over the definition, built on first use. */
  readonly model: ProjectModel
  /** The fixture folder, relative to `fixtures/`. */
  readonly dir: string
  /** The entries, loaded and indexed on first use. */
  entries(): EntryStore
}

function readJson(fixtures: FixtureStore, path: string): unknown {
  try {
    return JSON.parse(fixtures.readText(path)) as unknown
  } catch (error) {
    throw new Error(`Failed to load fixture "${path}": ${(error as Error).message}`, {
      cause: error,
    })
  }
}

function readTables(fixtures: FixtureStore, path: string): EntryTable[] {
  if (!fixtures.exists(path)) return []
  try {
    return checkTables(readJson(fixtures, path), 'tables')
  } catch (error) {
    if (error instanceof FixtureShapeError)
      throw new Error(`Failed to load fixture "${path}": ${error.message}.`, { cause: error })
    throw error
  }
}

function dateField(file: Record<string, unknown>, key: string): string {
  const value = file[key]
  if (typeof value !== 'string')
    throw new FixtureShapeError(`${key} must be a "Y-m-d H:i:s" string`)
  return value
}

export function loadProject(fixtures: FixtureStore, dirName: string): ProjectRecord {
  const dir = `${PROJECTS_DIR}/${dirName}`
  const file = `${dir}/project.json`
  const json = readJson(fixtures, file)
  let definition: ProjectDefinition
  let mapping: ProjectMap[]
  let dates: [string, string]
  try {
    if (typeof json !== 'object' || json === null) throw new FixtureShapeError('must be an object')
    const data = json as Record<string, unknown>
    definition = checkDefinition(data.definition)
    mapping =
      data.mapping === undefined ? [createAutoMapping(definition)] : checkMapping(data.mapping)
    dates = [dateField(data, 'updated_at'), dateField(data, 'structure_last_updated')]
  } catch (error) {
    if (error instanceof FixtureShapeError)
      throw new Error(`Failed to load fixture "${file}": ${error.message}.`, { cause: error })
    throw error
  }
  const project = definition.project
  if (project.slug !== dirName)
    throw new Error(
      `Failed to load fixture "${file}": its slug "${project.slug}" differs from the folder name.`,
    )
  let model: ProjectModel | undefined
  let entries: EntryStore | undefined
  return {
    slug: project.slug,
    name: project.name,
    ref: project.ref,
    access: project.access,
    status: project.status,
    updatedAt: dates[0],
    structureLastUpdated: dates[1],
    definition,
    mapping,
    get model() {
      model ??= new ProjectModel(definition)
      return model
    },
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
          `Failed to load Epicollect5 project "${name}": there is no ${PROJECTS_DIR}/${name}/project.json.`,
        )
      continue
    }
    const record = loadProject(fixtures, name)
    projects.set(record.slug, record)
  }
  return projects
}
