/**
 * `GET /api/export/project/{slug}`: the definition (`data`), with `meta.project_mapping` and
 * `meta.project_stats`. No links, no pagination. `homepage` is overwritten with
 * `<app url>/project/<slug>`; the stats are recounted from the entries, as the controller refreshes
 * them first. Stored JSON (definition, mapping, counts) keeps MySQL's key order.
 *
 * @see epicollect5-server app/Http/Controllers/Api/Project/ProjectController.php (export),
 *   app/Models/Project/ProjectStats.php and app/DTO/ProjectStatsDTO.php
 */
import type { FixtureStore } from '../../../core/fixtures.js'
import { formatMysqlDateTime } from '../wire/dates.js'
import type { StoredEntry } from '../state/entry-store.js'
import { inMysqlJsonOrder } from '../wire/mysql-json.js'
import { encodePhpJson } from '../wire/php-json.js'
import type { ProjectRecord } from '../state/project-fixtures.js'

/** Media kinds whose uploads count towards `total_files` and `total_bytes`. */
const COUNTED_MEDIA = ['photo', 'audio', 'video'] as const

function counts(lists: ReadonlyMap<string, readonly StoredEntry[]>, key: (ref: string) => string) {
  const out: Record<string, unknown> = {}
  for (const [ref, list] of lists) {
    let first = Infinity
    let last = -Infinity
    for (const e of list) {
      first = Math.min(first, e.createdAtMs)
      last = Math.max(last, e.createdAtMs)
    }
    if (list.length === 0) continue
    out[key(ref)] = {
      count: list.length,
      first_entry_created: formatMysqlDateTime(first),
      last_entry_created: formatMysqlDateTime(last),
    }
  }
  // An empty PHP array encodes as [], and the JSON column orders the keys.
  return Object.keys(out).length === 0 ? [] : inMysqlJsonOrder(out)
}

const ordered = new WeakMap<ProjectRecord, Pick<ProjectRecord, 'definition' | 'mapping'>>()

/** The definition and mapping as MySQL returns them, computed once per project. */
function storedJson(project: ProjectRecord): Pick<ProjectRecord, 'definition' | 'mapping'> {
  let json = ordered.get(project)
  if (!json) {
    json = {
      definition: inMysqlJsonOrder(project.definition),
      mapping: inMysqlJsonOrder(project.mapping),
    }
    ordered.set(project, json)
  }
  return json
}

const totals = new WeakMap<ProjectRecord, { files: number; bytes: number }>()

function mediaTotals(fixtures: FixtureStore, project: ProjectRecord) {
  const known = totals.get(project)
  if (known) return known
  let files = 0
  let bytes = 0
  for (const kind of COUNTED_MEDIA) {
    const dir = `${project.dir}/media/${kind}`
    for (const name of fixtures.list(dir)) {
      files++
      bytes += fixtures.readBytes(`${dir}/${name}`).byteLength
    }
  }
  totals.set(project, { files, bytes })
  return { files, bytes }
}

export function exportProject(
  fixtures: FixtureStore,
  project: ProjectRecord,
  baseUrl: string,
): string {
  const store = project.entries()
  let totalEntries = 0
  for (const list of store.forms().values()) totalEntries += list.length
  const media = mediaTotals(fixtures, project)
  const stored = storedJson(project)
  const data = {
    ...stored.definition,
    project: { ...stored.definition.project, homepage: `${baseUrl}/project/${project.slug}` },
  }
  const meta = {
    project_mapping: stored.mapping,
    project_stats: {
      total_entries: totalEntries,
      total_files: media.files,
      total_bytes: media.bytes,
      form_counts: counts(store.forms(), (ref) => ref),
      branch_counts: counts(store.branches(), (key) => key.slice(key.indexOf('|') + 1)),
      structure_last_updated: project.structureLastUpdated,
    },
  }
  return encodePhpJson({ meta, data }, { escapeSlashes: false })
}
