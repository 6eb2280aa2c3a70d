/**
 * Reading a search's parameters into a plan: a filter per parameter, the page (`_count`,
 * `_offset`), `_include`/`_revinclude` (`Type:param[:Target]`), and the names it ignores. Redox
 * "passes any search parameters you include", so an unknown parameter is ignored and reported, not
 * refused; an unknown modifier (`name:modifier`) or a malformed value is refused, as Redox documents.
 * @see https://docs.redoxengine.com/basics/redox-fhir-api/understanding-fhir-search/
 * @see https://hl7.org/fhir/R4/search.html#errors
 */
import { SEARCH_PARAMETERS, type SearchParam } from './fhir-search-params.js'
import {
  DATE_VALUE,
  asArray,
  dateMatches,
  dateRange,
  referenceMatches,
  stringMatches,
  tokenMatches,
  type Reference,
} from './fhir-search-values.js'
import type { FhirResource, FhirStore } from '../state/fhir-store.js'
import { invalid } from '../wire/request-body.js'

export interface Include {
  readonly source: string
  readonly param: SearchParam
  readonly target?: string
}

export interface SearchPlan {
  readonly filters: readonly ((r: FhirResource) => boolean)[]
  readonly includes: readonly Include[]
  readonly revincludes: readonly Include[]
  readonly count: number | undefined
  readonly offset: number
  /** The parameters that shaped the answer, `_count`/`_offset` aside: what links repeat. */
  readonly applied: readonly (readonly [string, string])[]
  readonly ignored: readonly string[]
}

/** Parameters that change only how the answer is written. */
const FORMAT_PARAMETERS = new Set(['_format', '_pretty'])

export function planSearch(
  store: FhirStore,
  type: string,
  params: readonly (readonly [string, string])[],
): SearchPlan {
  const own = SEARCH_PARAMETERS[type] ?? {}
  const filters: ((r: FhirResource) => boolean)[] = []
  const includes: Include[] = []
  const revincludes: Include[] = []
  const applied: (readonly [string, string])[] = []
  const ignored: string[] = []
  let count: number | undefined
  let offset = 0
  for (const [name, value] of params) {
    if (name.includes(':')) throw invalid(`Unknown search modifier in "${name}"`)
    if (name === '_count' || name === '_offset') {
      const n = /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN
      if (Number.isNaN(n)) throw invalid(`${name} must be a whole number, not "${value}"`)
      if (name === '_count') count = n
      else offset = n
      continue
    }
    const step = planOne(store, type, own, name, value)
    if (step === undefined) {
      ignored.push(name)
      continue
    }
    applied.push([name, value])
    if (step === 'format') continue
    if ('source' in step) (name === '_include' ? includes : revincludes).push(step)
    else filters.push(step.filter)
  }
  if (type === 'Patient') requirePatientCriteria(new Set(applied.map(([name]) => name)))
  return { filters, includes, revincludes, count, offset, applied, ignored }
}

type Step = 'format' | Include | { readonly filter: (r: FhirResource) => boolean }

function planOne(
  store: FhirStore,
  type: string,
  own: Readonly<Record<string, SearchParam>>,
  name: string,
  value: string,
): Step | undefined {
  if (FORMAT_PARAMETERS.has(name)) return 'format'
  if (name === '_include' || name === '_revinclude') return includeOf(type, name, value)
  const values = value.split(',')
  const direct = own[name]
  if (direct) {
    checkValues(name, direct, values)
    return { filter: (r) => values.some((v) => matches(direct, r, v)) }
  }
  const [link = '', onTarget = ''] = name.split('.', 2)
  const via = own[link]
  if (via?.type !== 'reference' || !name.includes('.')) return undefined
  const chained = via.targets.flatMap((t) => {
    const p = SEARCH_PARAMETERS[t]?.[onTarget]
    return p ? [[t, p] as const] : []
  })
  if (chained.length === 0) return undefined
  for (const [, p] of chained) checkValues(name, p, values)
  return {
    filter: (r) =>
      asArray(via.get(r)).some((ref) => {
        const [refType = '', id = ''] = ((ref as Reference).reference ?? '').split('/')
        const target = store.find(refType, id)
        const p = chained.find(([t]) => t === refType)?.[1]
        return target !== undefined && p !== undefined && values.some((v) => matches(p, target, v))
      }),
  }
}

/** `_include=Observation:patient[:Patient]` on Observation; `_revinclude=Observation:patient` on Patient. */
function includeOf(type: string, name: string, value: string): Include | undefined {
  const [source = '', paramName = '', target] = value.split(':')
  const param = SEARCH_PARAMETERS[source]?.[paramName]
  if (param?.type !== 'reference') return undefined
  if (name === '_include' && source !== type) return undefined
  if (name === '_revinclude' && !param.targets.includes(type)) return undefined
  if (target !== undefined && !param.targets.includes(target)) return undefined
  return { source, param, ...(target === undefined ? {} : { target }) }
}

function checkValues(name: string, param: SearchParam, values: readonly string[]): void {
  if (param.type !== 'date') return
  for (const v of values) {
    const m = DATE_VALUE.exec(v)
    if (m?.[2] === undefined || !dateRange(m[2]))
      throw invalid(`Invalid date "${v}" for search parameter "${name}"`)
  }
}

function matches(param: SearchParam, r: FhirResource, value: string): boolean {
  const have = param.get(r)
  switch (param.type) {
    case 'token':
      return tokenMatches(have, value)
    case 'string':
      return stringMatches(have, value)
    case 'date':
      return dateMatches(have, value)
    default:
      return referenceMatches(have, value, param.targets)
  }
}

/** Redox: a Patient search needs `_id`, `identifier`, or `given` + `family` + `birthdate`. */
function requirePatientCriteria(names: ReadonlySet<string>): void {
  if (names.has('_id') || names.has('identifier')) return
  if (names.has('given') && names.has('family') && names.has('birthdate')) return
  throw invalid('Patient search requires _id, identifier, or given, family and birthdate')
}
