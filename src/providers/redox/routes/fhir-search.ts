/**
 * A FHIR search over the fixture store, answered as a searchset Bundle: filters from the type's
 * parameters (comma values OR-ed, repeated parameters AND-ed, one level of chaining), pages in a
 * stable order with `self`/`next`/`previous` links a plain GET can follow (`_count`, `_offset`),
 * `_include`/`_revinclude` entries (`search.mode: include`), and an OperationOutcome entry
 * (`search.mode: outcome`) naming the parameters it ignored, as a lenient FHIR server does.
 * @see https://hl7.org/fhir/R4/search.html
 * @see https://hl7.org/fhir/R4/http.html#paging
 */
import type { Random } from '../../../core/random.js'
import { planSearch, type Include, type SearchPlan } from './fhir-search-plan.js'
import { asArray, type Reference } from './fhir-search-values.js'
import type { FhirBundle } from './fhir.js'
import type { FhirResource, FhirStore } from '../state/fhir-store.js'

export interface SearchUrls {
  /** This host's FHIR base, `…/fhir/R4/{destination}/{environment}`. */
  readonly base: string
}

export interface SearchAnswer {
  readonly bundle: FhirBundle
  /** Parameters ignored (also named in the Bundle's outcome entry), for the journal. */
  readonly ignored: readonly string[]
}

export function searchResources(
  store: FhirStore,
  type: string,
  params: readonly (readonly [string, string])[],
  urls: SearchUrls,
  random: Random,
): SearchAnswer {
  const plan = planSearch(store, type, params)
  const matches = store.ofType(type).filter((r) => plan.filters.every((f) => f(r)))
  const end = plan.count === undefined ? matches.length : plan.offset + plan.count
  const page = matches.slice(plan.offset, end)
  const seen = new Set(page.map(key))
  const included = [
    ...plan.includes.flatMap((inc) => forward(store, page, inc)),
    ...plan.revincludes.flatMap((inc) => reverse(store, page, inc)),
  ].filter((r) => !seen.has(key(r)) && Boolean(seen.add(key(r))))
  const entry = [
    ...page.map((r) => ({ ...entryOf(urls.base, r), search: { mode: 'match' } })),
    ...included.map((r) => ({ ...entryOf(urls.base, r), search: { mode: 'include' } })),
    ...(plan.ignored.length === 0 ? [] : [outcomeEntry(plan.ignored, random)]),
  ]
  return {
    ignored: plan.ignored,
    bundle: {
      resourceType: 'Bundle',
      id: random.uuid(),
      type: 'searchset',
      total: matches.length,
      link: links(urls.base, type, plan, matches.length),
      ...(entry.length === 0 ? {} : { entry }),
    },
  }
}

const key = (r: FhirResource) => `${r.resourceType}/${r.id}`

function entryOf(base: string, resource: FhirResource) {
  return { fullUrl: `${base}/${resource.resourceType}/${resource.id}`, resource }
}

function forward(store: FhirStore, page: readonly FhirResource[], inc: Include): FhirResource[] {
  return page.flatMap((r) =>
    asArray(inc.param.get(r)).flatMap((ref) => {
      const [refType = '', id = ''] = ((ref as Reference).reference ?? '').split('/')
      if (inc.target !== undefined && refType !== inc.target) return []
      const found = store.find(refType, id)
      return found ? [found] : []
    }),
  )
}

function reverse(store: FhirStore, page: readonly FhirResource[], inc: Include): FhirResource[] {
  const targets = new Set(page.map(key))
  return store
    .ofType(inc.source)
    .filter((r) =>
      asArray(inc.param.get(r)).some((ref) => targets.has((ref as Reference).reference ?? '')),
    )
}

function outcomeEntry(ignored: readonly string[], random: Random) {
  const id = random.uuid()
  return {
    fullUrl: `urn:uuid:${id}`,
    resource: {
      resourceType: 'OperationOutcome',
      id,
      issue: ignored.map((name) => ({
        severity: 'warning',
        code: 'not-supported',
        diagnostics: `The search parameter "${name}" is not supported and was ignored`,
      })),
    },
    search: { mode: 'outcome' },
  }
}

function links(base: string, type: string, plan: SearchPlan, total: number) {
  const url = (offset: number) => {
    const query = new URLSearchParams(plan.applied as [string, string][])
    if (plan.count !== undefined) query.set('_count', String(plan.count))
    if (offset > 0) query.set('_offset', String(offset))
    const text = query.toString()
    return `${base}/${type}${text === '' ? '' : `?${text}`}`
  }
  const out = [{ relation: 'self', url: url(plan.offset) }]
  const { count, offset } = plan
  if (count === undefined || count === 0) return out
  if (offset + count < total) out.push({ relation: 'next', url: url(offset + count) })
  if (offset > 0) out.push({ relation: 'previous', url: url(Math.max(0, offset - count)) })
  return out
}
