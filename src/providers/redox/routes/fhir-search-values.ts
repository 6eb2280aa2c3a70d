/**
 * How one value of a FHIR search parameter matches a resource, by parameter type: token
 * (`system|code`), string (case- and accent-insensitive prefix), date (a range compared with the
 * `eq ne gt ge lt le` prefixes) and reference (`Type/id` or a bare id). A comma list is OR-ed by the
 * caller; repeating a parameter AND-s.
 * @see https://hl7.org/fhir/R4/search.html#token
 * @see https://hl7.org/fhir/R4/search.html#date
 */
import type { FhirResource } from '../state/fhir-store.js'

export type Get = (r: FhirResource) => unknown

export interface Reference {
  readonly reference?: string
}

export const asArray = (v: unknown): unknown[] =>
  v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]

interface Coding {
  readonly system?: string
  readonly code: string
}

/** Codings of a CodeableConcept / Coding / Identifier / code / boolean, flattened. */
function codings(v: unknown): Coding[] {
  return asArray(v).flatMap((item): Coding[] => {
    if (typeof item === 'string' || typeof item === 'boolean') return [{ code: String(item) }]
    const o = item as { coding?: unknown; code?: string; system?: string; value?: string }
    if (o.coding !== undefined) return codings(o.coding)
    return [
      { ...(o.system === undefined ? {} : { system: o.system }), code: o.code ?? o.value ?? '' },
    ]
  })
}

export function tokenMatches(have: unknown, value: string): boolean {
  const bar = value.indexOf('|')
  const system = bar < 0 ? undefined : value.slice(0, bar)
  const code = bar < 0 ? value : value.slice(bar + 1)
  return codings(have).some(
    (c) =>
      (system === undefined || (system === '' ? c.system === undefined : c.system === system)) &&
      (code === '' || c.code === code),
  )
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()

export function stringMatches(have: unknown, value: string): boolean {
  const wanted = fold(value)
  return asArray(have).some((s) => typeof s === 'string' && fold(s).startsWith(wanted))
}

/** `Patient/id`, or a bare id taken as the parameter's only target type. */
export function referenceMatches(
  have: unknown,
  value: string,
  targets: readonly string[],
): boolean {
  const wanted = value.includes('/') ? [value] : targets.map((t) => `${t}/${value}`)
  return asArray(have).some((ref) => wanted.includes((ref as Reference).reference ?? ''))
}

/** A FHIR date, dateTime or instant as the half-open range of instants it stands for (UTC if no zone). */
export function dateRange(text: string): readonly [number, number] | undefined {
  const m =
    /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/.exec(
      text,
    )
  if (!m) return undefined
  const [, y, mo, d, h, mi, s, frac, zone] = m
  const offset = zone === undefined || zone === 'Z' ? '' : zone
  const iso = `${y ?? ''}-${mo ?? '01'}-${d ?? '01'}T${h ?? '00'}:${mi ?? '00'}:${s ?? '00'}${frac ?? ''}${offset || 'Z'}`
  const start = Date.parse(iso)
  if (Number.isNaN(start)) return undefined
  if (frac !== undefined) return [start, start + 1]
  if (s !== undefined) return [start, start + 1000]
  if (mi !== undefined) return [start, start + 60_000]
  const startDate = new Date(start)
  const end = new Date(start)
  if (d !== undefined) end.setUTCDate(startDate.getUTCDate() + 1)
  else if (mo !== undefined) end.setUTCMonth(startDate.getUTCMonth() + 1)
  else end.setUTCFullYear(startDate.getUTCFullYear() + 1)
  return [start, end.getTime()]
}

/** A date or Period value of a resource as a range; an open Period end runs to the end of time. */
function rangeOf(have: unknown): readonly [number, number] | undefined {
  if (typeof have === 'string') return dateRange(have)
  const period = have as { start?: string; end?: string } | undefined
  if (typeof period?.start !== 'string') return undefined
  const start = dateRange(period.start)
  const end = typeof period.end === 'string' ? dateRange(period.end) : undefined
  return start && [start[0], end ? end[1] : Number.POSITIVE_INFINITY]
}

export const DATE_VALUE = /^(eq|ne|gt|ge|lt|le)?(\d{4}.*)$/

export function dateMatches(have: unknown, value: string): boolean {
  const m = DATE_VALUE.exec(value)
  const wanted = m?.[2] === undefined ? undefined : dateRange(m[2])
  if (!wanted) return false
  const [ps, pe] = wanted
  return asArray(have).some((item) => {
    const target = rangeOf(item)
    if (!target) return false
    const [ts, te] = target
    switch (m?.[1] ?? 'eq') {
      case 'eq':
        return ps <= ts && te <= pe
      case 'ne':
        return !(ps <= ts && te <= pe)
      case 'gt':
        return te > pe
      case 'ge':
        return te > ps
      case 'lt':
        return ts < ps
      default:
        return ts < pe
    }
  })
}
