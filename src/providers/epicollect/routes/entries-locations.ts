/**
 * The web app's `GET /api/entries-locations/{slug}` (the data viewer's map): the stored GeoJSON
 * feature of one location question (`input_ref`, required) for each entry of `form_ref` that has any
 * location answer, or with `branch_ref` for each such branch entry of the form (any branch: the query
 * filters on the form only). No sort and no filters: rows come in id order, 50,000 a page by default.
 * An entry whose location is in another question counts towards `total` but adds no feature.
 * `newest`/`oldest` span the form's located entries and are null when there are none.
 *
 * Parameters: the Laravel rules of RuleQueryStringLocations (`page`, `per_page` integers; `form_ref`,
 * `input_ref`, `branch_ref` strings), then an unknown form (`ec5_15`, alone), a missing input ref
 * (`ec5_243`, source `rule-query-string`) or an unknown one (`ec5_84`, alone), an unknown branch of
 * the form (`ec5_99`).
 *
 * @see epicollect5-server app/Http/Controllers/Api/Entries/View/ViewEntriesLocationsController.php,
 *   app/Http/Validation/Entries/View/RuleQueryStringLocations.php and app/Traits/Eloquent/Entries.php
 *   (getGeoJsonData, getNewestOldestCreatedAt)
 */
import { Ec5Error, type Ec5Problem } from '../errors.js'
import { formatIsoSeconds } from '../wire/dates.js'
import { entriesEnvelope, pageLinks, pageMeta, type ExportContext } from './entries-export.js'
import { sanitizeEntryParams, toEntriesQuery, type EntriesQuery } from './entries-query.js'
import { pageBounds } from './entries-select.js'
import type { StoredEntry } from '../state/entry-store.js'
import { encodePhpJson } from '../wire/php-json.js'
import type { ProjectRecord } from '../state/project-fixtures.js'
import { geoJsonData } from '../wire/stored-geojson.js'
import { phpTruthy, validate, type QueryValue, type Rule } from '../wire/query-params.js'

/** config/epicollect/limits.php `entries_map.per_page` (ENTRIES_MAP_PER_PAGE). */
const MAP_PER_PAGE = 50_000

const RULES: ReadonlyArray<readonly [string, readonly Rule[]]> = [
  ['page', [{ kind: 'integer' }]],
  ['per_page', [{ kind: 'integer' }]],
  ['input_ref', [{ kind: 'string' }]],
  ['form_ref', [{ kind: 'string' }]],
  ['branch_ref', [{ kind: 'string' }]],
]

function refProblems(q: EntriesQuery, inputRef: string, project: ProjectRecord): Ec5Problem[] {
  if (phpTruthy(q.formRef) && !project.model.form(q.formRef))
    return [{ code: 'ec5_15', source: q.formRef }]
  const problems: Ec5Problem[] = []
  if (!phpTruthy(inputRef)) problems.push({ code: 'ec5_243', source: 'rule-query-string' })
  else if (!project.model.input(inputRef)) return [{ code: 'ec5_84', source: inputRef }]
  if (phpTruthy(q.branchRef) && !project.model.branch(q.formRef, q.branchRef))
    problems.push({ code: 'ec5_99', source: q.branchRef })
  return problems
}

export interface LocationsQuery {
  readonly q: EntriesQuery
  readonly inputRef: string
}

/** Parses and checks the query; throws the server's 400 with every problem of the failing stage. */
export function readLocationsQuery(
  query: ReadonlyMap<string, QueryValue>,
  project: ProjectRecord,
): LocationsQuery {
  const params = sanitizeEntryParams(query, project, MAP_PER_PAGE)
  const invalid = validate(params, RULES)
  if (invalid.length > 0)
    throw new Ec5Error('invalid_request', invalid, { status: 400, detail: 'query string failed' })
  const q = toEntriesQuery(params, query)
  const inputRef = String(params.get('input_ref'))
  const problems = refProblems(q, inputRef, project)
  if (problems.length > 0)
    throw new Ec5Error('invalid_request', problems, { status: 400, detail: 'bad form or question' })
  return { q, inputRef }
}

const located = new WeakMap<ProjectRecord, Map<string, readonly StoredEntry[]>>()

/** The form's (or its branches') entries with a location answer, in fixture (id) order. */
function locatedEntries(project: ProjectRecord, formRef: string, branch: boolean) {
  let lists = located.get(project)
  if (!lists) {
    lists = new Map<string, readonly StoredEntry[]>()
    located.set(project, lists)
  }
  const key = `${branch ? 'branch' : 'form'}|${formRef}`
  let list = lists.get(key)
  if (!list) {
    const store = project.entries()
    const rows = branch
      ? (project.model.form(formRef)?.inputs ?? [])
          .filter((input) => input.type === 'branch')
          .flatMap((input) => store.byBranch(formRef, input.ref))
      : store.byForm(formRef)
    list = rows.filter((e) => geoJsonData(project, e).size > 0).sort((a, b) => a.seq - b.seq)
    lists.set(key, list)
  }
  return list
}

export function entriesLocations(
  project: ProjectRecord,
  { q, inputRef }: LocationsQuery,
  ctx: ExportContext,
): string {
  const list = locatedEntries(project, q.formRef, phpTruthy(q.branchRef))
  const { lastPage, start, end } = pageBounds(list.length, q.perPage, q.page)
  const features = list.slice(start, Math.max(start, end)).flatMap((e) => {
    const feature = geoJsonData(project, e).get(inputRef)
    return feature ? [feature] : []
  })
  let [newest, oldest] = [-Infinity, Infinity]
  for (const e of list)
    [newest, oldest] = [Math.max(newest, e.createdAtMs), Math.min(oldest, e.createdAtMs)]
  const iso = (ms: number) => (list.length > 0 ? formatIsoSeconds(ms) : null)
  const counts = { total: list.length, lastPage }
  const meta = pageMeta(q, counts, iso(newest), iso(oldest))
  const data = encodePhpJson(
    { id: project.slug, type: 'geojson', geojson: { type: 'FeatureCollection', features } },
    { escapeSlashes: false },
  )
  return entriesEnvelope(data, meta, pageLinks(q, counts, ctx))
}
