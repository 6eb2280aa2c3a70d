/**
 * `GET /api/projects/{name?}`: projects whose name starts with `name` (SQL `LIKE 'name%'` under a
 * case-insensitive collation, so `%` and `_` are wildcards), trashed and archived ones left out,
 * private and hidden ones included; the exact name first, then most recently updated; at most 50.
 * With `?exact=<anything PHP treats as true>` only the exact name, at most one.
 * `GET /api/project-version/{slug}` answers a project's structure version.
 *
 * @see epicollect5-server app/Http/Controllers/Api/Project/ProjectController.php (search, version)
 *   and app/Models/Project/Project.php (startsWith, matches, version)
 */
import { parseUtcDateTime } from '../wire/dates.js'
import { ec5Error } from '../errors.js'
import { encodePhpJson } from '../wire/php-json.js'
import type { ProjectRecord } from '../state/project-fixtures.js'
import { compareText } from '../../../core/collation.js'

const MAX_RESULTS = 50

/** Statuses that hide a project from the API altogether. */
export function isGone(project: ProjectRecord): boolean {
  return project.status === 'trashed' || project.status === 'archived'
}

function startsWithLike(name: string, prefix: string): boolean {
  let pattern = '^'
  for (const ch of prefix) {
    if (ch === '%') pattern += '.*'
    else if (ch === '_') pattern += '.'
    else pattern += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
  }
  return new RegExp(pattern, 'iu').test(name)
}

export function searchProjects(
  projects: Iterable<ProjectRecord>,
  name: string,
  exact: boolean,
): string {
  const live = [...projects].filter((p) => !isGone(p))
  let hits: ProjectRecord[] = []
  if (name !== '') {
    if (exact) hits = live.filter((p) => compareText(p.name, name) === 0).slice(0, 1)
    else {
      const updated = (p: ProjectRecord) => parseUtcDateTime(p.updatedAt) ?? 0
      const isExact = (p: ProjectRecord) => (compareText(p.name, name) === 0 ? 0 : 1)
      hits = live
        .filter((p) => startsWithLike(p.name, name))
        .sort((a, b) => isExact(a) - isExact(b) || updated(b) - updated(a))
        .slice(0, MAX_RESULTS)
    }
  }
  const data = hits.map((p) => ({
    type: 'project',
    id: p.ref,
    project: { name: p.name, slug: p.slug, access: p.access, ref: p.ref },
  }))
  return encodePhpJson({ data }, { escapeSlashes: false })
}

export function projectVersion(project: ProjectRecord | undefined, slug: string): string {
  const at =
    project && !isGone(project) ? parseUtcDateTime(project.structureLastUpdated) : undefined
  if (!project || at === undefined)
    throw ec5Error('not_found', 'ec5_11', 'version', 400, `no active project "${slug}"`)
  const attributes = {
    structure_last_updated: project.structureLastUpdated,
    version: String(Math.floor(at / 1000)),
  }
  return encodePhpJson(
    { data: { type: 'project-version', id: slug, attributes } },
    { escapeSlashes: false },
  )
}
