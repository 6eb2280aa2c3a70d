/**
 * The entries export's parameters, sanitised, defaulted and validated in the server's order:
 * Laravel rules (one error per failing attribute), then form/parent form/question/branch existence
 * (first problem only), then, for the export only, the mapping index (`ec5_322`) and `per_page` over
 * the cap (`ec5_335`).
 *
 * @see epicollect5-server app/Services/Entries/EntriesViewService.php (getSanitizedQueryParams),
 *   app/Http/Validation/Entries/View/RuleQueryString.php and ViewEntriesDataController::export
 */
import { Ec5Error, ec5Error, type Ec5Problem } from '../errors.js'
import { isPhpNumeric } from '../wire/php-json.js'
import type { ProjectRecord } from '../state/project-fixtures.js'
import { isPhpInt, phpTruthy, validate, type QueryValue, type Rule } from '../wire/query-params.js'

/** config/epicollect/strings.php `search_data_entries`: the accepted keys, in link order. */
export const ENTRY_PARAM_KEYS = [
  'form_ref',
  'parent_form_ref',
  'branch',
  'branch_ref',
  'branch_owner_uuid',
  'parent_uuid',
  'uuid',
  'input_ref',
  'per_page',
  'page',
  'sort_by',
  'sort_order',
  'map_index',
  'filter_by',
  'filter_from',
  'filter_to',
  'format',
  'headers',
  'title',
] as const

export type EntryParamKey = (typeof ENTRY_PARAM_KEYS)[number]
export type SanitizedParams = ReadonlyMap<EntryParamKey, QueryValue | number>

/** config/epicollect/limits.php `entries_table.per_page`. */
const DEFAULT_PER_PAGE = 50

const RULES: ReadonlyArray<readonly [string, readonly Rule[]]> = [
  ['page', [{ kind: 'integer' }]],
  ['per_page', [{ kind: 'integer' }]],
  ['form_ref', [{ kind: 'string' }]],
  ['uuid', [{ kind: 'min', min: 36 }]],
  ['parent_form_ref', [{ kind: 'string' }]],
  ['parent_uuid', [{ kind: 'min', min: 36 }]],
  ['branch_ref', [{ kind: 'string' }]],
  ['branch_owner_uuid', [{ kind: 'string' }]],
  ['input_ref', [{ kind: 'string' }]],
  ['map_index', [{ kind: 'numeric' }, { kind: 'min', min: 0 }]],
  ['sort_by', [{ kind: 'string' }, { kind: 'in', values: ['created_at', 'uploaded_at', 'title'] }]],
  ['sort_order', [{ kind: 'string' }, { kind: 'in', values: ['asc', 'desc', 'ASC', 'DESC'] }]],
  ['filter_by', [{ kind: 'string' }, { kind: 'in', values: ['created_at', 'uploaded_at'] }]],
  ['filter_from', [{ kind: 'date' }]],
  ['filter_to', [{ kind: 'date' }]],
  ['format', [{ kind: 'in', values: ['csv', 'json'] }]],
  ['headers', [{ kind: 'in', values: ['true', 'false'] }]],
  ['title', [{ kind: 'string' }]],
]

export interface EntriesQuery {
  /** The sanitised parameters, which the pagination links repeat. */
  readonly params: SanitizedParams
  readonly formRef: string
  readonly parentFormRef: string
  readonly branchRef: string
  readonly branchOwnerUuid: string
  readonly parentUuid: string
  readonly uuid: string
  readonly perPage: number
  readonly page: number
  readonly sortBy: 'created_at' | 'uploaded_at' | 'title'
  readonly descending: boolean
  readonly mapIndex: number
  readonly filterBy: '' | 'created_at' | 'uploaded_at'
  readonly filterFrom: string
  readonly filterTo: string
  readonly format: 'json' | 'csv'
  readonly headers: boolean
  readonly title: string
}

const isEmpty = (value: QueryValue | undefined) => !phpTruthy(value)

/** The accepted keys with the server's defaults filled in (getSanitizedQueryParams). */
export function sanitizeEntryParams(
  query: ReadonlyMap<string, QueryValue>,
  project: ProjectRecord,
  defaultPerPage = DEFAULT_PER_PAGE,
): Map<EntryParamKey, QueryValue | number> {
  const params = new Map<EntryParamKey, QueryValue | number>()
  for (const key of ENTRY_PARAM_KEYS) params.set(key, query.get(key) ?? '')
  const orDefault = (key: EntryParamKey, fallback: string | number) => {
    if (isEmpty(query.get(key))) params.set(key, fallback)
  }
  orDefault('sort_by', 'created_at')
  orDefault('sort_order', 'DESC')
  orDefault('per_page', defaultPerPage)
  orDefault('page', 1)
  orDefault('form_ref', project.model.firstFormRef)
  if (params.get('map_index') === '') params.set('map_index', defaultMapIndex(project))
  orDefault('format', 'json')
  orDefault('headers', 'true')
  return params
}

export function defaultMapIndex(project: ProjectRecord): number {
  return project.mapping.find((map) => map.is_default)?.map_index ?? 0
}

function existenceProblem(params: SanitizedParams, project: ProjectRecord): Ec5Problem | undefined {
  const text = (key: EntryParamKey) => {
    const value = params.get(key)
    return typeof value === 'string' ? value : ''
  }
  const formRef = text('form_ref')
  if (!isEmpty(formRef) && !project.model.form(formRef)) return { code: 'ec5_15', source: formRef }
  const parentFormRef = text('parent_form_ref')
  if (!isEmpty(parentFormRef) && !project.model.form(parentFormRef))
    return { code: 'ec5_15', source: parentFormRef }
  const inputRef = text('input_ref')
  if (!isEmpty(inputRef) && !project.model.input(inputRef))
    return { code: 'ec5_84', source: inputRef }
  const branchRef = text('branch_ref')
  if (!isEmpty(branchRef) && !project.model.branch(formRef, branchRef))
    return { code: 'ec5_99', source: branchRef }
  return undefined
}

/**
 * The web app's entries query (`ViewEntriesDataController::show`): the export's rules and existence
 * checks, but neither the mapping check nor the `per_page` cap.
 */
export function readViewQuery(
  query: ReadonlyMap<string, QueryValue>,
  project: ProjectRecord,
): EntriesQuery {
  const params = sanitizeEntryParams(query, project)
  const invalid = validate(params, RULES)
  if (invalid.length > 0)
    throw new Ec5Error('invalid_request', invalid, {
      status: 400,
      detail: 'query string failed validation',
    })
  const missing = existenceProblem(params, project)
  if (missing)
    throw new Ec5Error('invalid_request', [missing], {
      status: 400,
      detail: `no such ${missing.code === 'ec5_99' ? 'branch' : 'form or question'} in ${project.slug}`,
    })
  return toEntriesQuery(params, query)
}

/** Parses and checks the export's query; throws the server's 400 for the first failing stage. */
export function readEntriesQuery(
  query: ReadonlyMap<string, QueryValue>,
  project: ProjectRecord,
  perPageMax: number,
): EntriesQuery {
  const q = readViewQuery(query, project)
  const mapIndex = String(q.params.get('map_index'))
  if (!isPhpNumeric(mapIndex) || !project.mapping.some((map) => map.map_index === q.mapIndex))
    throw ec5Error('invalid_request', 'ec5_322', `map_index: ${mapIndex}`, 400, 'no such mapping')
  if (q.perPage > perPageMax)
    throw ec5Error(
      'invalid_request',
      'ec5_335',
      'api',
      400,
      `per_page ${String(q.perPage)} over ${String(perPageMax)}`,
    )
  return q
}

/** The typed query of sanitised, validated parameters. */
export function toEntriesQuery(
  params: SanitizedParams,
  query: ReadonlyMap<string, QueryValue>,
): EntriesQuery {
  const str = (key: EntryParamKey) => String(params.get(key))
  // The paginator reads `page` itself: a whole number from 1, anything else is page 1.
  const rawPage = query.get('page')
  const page =
    typeof rawPage === 'string' && isPhpInt(rawPage) && Number(rawPage) >= 1 ? Number(rawPage) : 1
  return {
    params,
    formRef: str('form_ref'),
    parentFormRef: str('parent_form_ref'),
    branchRef: str('branch_ref'),
    branchOwnerUuid: str('branch_owner_uuid'),
    parentUuid: str('parent_uuid'),
    uuid: str('uuid'),
    perPage: Number(str('per_page')),
    page,
    sortBy: str('sort_by') as EntriesQuery['sortBy'],
    descending: str('sort_order').toUpperCase() === 'DESC',
    mapIndex: Number(str('map_index')),
    filterBy: str('filter_by') as EntriesQuery['filterBy'],
    filterFrom: str('filter_from'),
    filterTo: str('filter_to'),
    format: str('format') as EntriesQuery['format'],
    headers: str('headers') === 'true',
    title: str('title'),
  }
}
