/**
 * The FHIR R4 search parameters standin understands, per resource type, and how each matches: token
 * (`system|code`), reference (`Patient/id` or `id`), string (case- and accent-insensitive prefix)
 * and date (with the `eq ge gt le lt` prefixes).
 * @see https://hl7.org/fhir/R4/search.html
 */
import type { FhirResource } from '../state/fhir-store.js'

/** One value of a parameter (a comma list is OR-ed by the caller). */
export type Matcher = (resource: FhirResource, value: string) => boolean

interface Coding {
  readonly system?: string
  readonly code?: string
  readonly value?: string
}

type Get = (r: FhirResource) => unknown

const asArray = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v])

/** Codings of a CodeableConcept / Coding / Identifier / plain code, flattened. */
function codings(v: unknown): Coding[] {
  return asArray(v).flatMap((item): Coding[] => {
    if (typeof item === 'string') return [{ code: item }]
    const o = item as { coding?: unknown; code?: string; system?: string; value?: string }
    if (o.coding !== undefined) return codings(o.coding)
    return [
      { ...(o.system === undefined ? {} : { system: o.system }), code: o.code ?? o.value ?? '' },
    ]
  })
}

export function token(get: Get): Matcher {
  return (r, value) => {
    const bar = value.indexOf('|')
    const system = bar < 0 ? undefined : value.slice(0, bar)
    const code = bar < 0 ? value : value.slice(bar + 1)
    return codings(get(r)).some(
      (c) =>
        (system === undefined || (system === '' ? c.system === undefined : c.system === system)) &&
        (code === '' || c.code === code),
    )
  }
}

export function reference(get: Get, type = 'Patient'): Matcher {
  return (r, value) => {
    const target = value.includes('/') ? value : `${type}/${value}`
    return asArray(get(r)).some((ref) => (ref as { reference?: string }).reference === target)
  }
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()

export function string(get: Get): Matcher {
  return (r, value) =>
    asArray(get(r)).some((s) => typeof s === 'string' && fold(s).startsWith(fold(value)))
}

export function date(get: Get): Matcher {
  return (r, value) => {
    const m = /^(eq|ne|ge|gt|le|lt)?(\d{4}(?:-\d{2}(?:-\d{2}(?:T.*)?)?)?)$/.exec(value)
    if (!m) return false
    const prefix = m[1] ?? 'eq'
    const wanted = m[2] ?? ''
    return asArray(get(r)).some((d) => {
      if (typeof d !== 'string') return false
      const have = d.slice(0, wanted.length)
      switch (prefix) {
        case 'eq':
          return have === wanted
        case 'ne':
          return have !== wanted
        case 'ge':
          return have >= wanted
        case 'gt':
          return have > wanted
        case 'le':
          return have <= wanted
        default:
          return have < wanted
      }
    })
  }
}

const names = (r: FhirResource) => asArray(r.name) as { given?: string[]; family?: string }[]
const subject = reference((r) => r.subject)

export const SEARCH_PARAMETERS: Readonly<Record<string, Readonly<Record<string, Matcher>>>> = {
  Patient: {
    identifier: token((r) => r.identifier),
    given: string((r) => names(r).flatMap((n) => n.given ?? [])),
    family: string((r) => names(r).map((n) => n.family)),
    name: string((r) => names(r).flatMap((n) => [...(n.given ?? []), n.family])),
    birthdate: date((r) => r.birthDate),
    gender: token((r) => r.gender),
  },
  Encounter: {
    patient: subject,
    subject,
    status: token((r) => r.status),
    class: token((r) => r.class),
    type: token((r) => r.type),
    date: date((r) => (r.period as { start?: string } | undefined)?.start),
  },
  Observation: {
    patient: subject,
    subject,
    encounter: reference((r) => r.encounter, 'Encounter'),
    category: token((r) => r.category),
    code: token((r) => r.code),
    status: token((r) => r.status),
    date: date((r) => r.effectiveDateTime),
  },
  Condition: {
    patient: subject,
    subject,
    category: token((r) => r.category),
    code: token((r) => r.code),
    'clinical-status': token((r) => r.clinicalStatus),
  },
  MedicationRequest: {
    patient: subject,
    subject,
    status: token((r) => r.status),
    intent: token((r) => r.intent),
    code: token((r) => r.medicationCodeableConcept),
  },
}
