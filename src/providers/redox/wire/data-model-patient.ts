/**
 * The fixtures' FHIR resources in the Redox Data Model's shapes: a Patient as `Patient.Identifiers`
 * and `Patient.Demographics`, a coded concept as `Code`/`CodeSystem`/`CodeSystemName`/`Name` (code
 * systems named by their HL7 OIDs, as the data models print them), FHIR genders as `Female`/`Male`.
 * @see https://developer.redoxengine.com/data-models/PatientSearch.html
 * @see https://hl7.org/fhir/R4/terminologies-systems.html (system URIs and their OIDs)
 */
import type { FhirResource } from '../state/fhir-store.js'

type Part = Record<string, unknown>
const list = (v: unknown): Part[] => (Array.isArray(v) ? (v as Part[]) : [])
const text = (v: unknown): string | null => (typeof v === 'string' ? v : null)

/** FHIR system URI → [OID, name] as the data models write them. */
const SYSTEMS: Readonly<Record<string, readonly [string, string]>> = {
  'http://loinc.org': ['2.16.840.1.113883.6.1', 'LOINC'],
  'http://snomed.info/sct': ['2.16.840.1.113883.6.96', 'SNOMED CT'],
  'http://www.nlm.nih.gov/research/umls/rxnorm': ['2.16.840.1.113883.6.88', 'RxNorm'],
  'http://hl7.org/fhir/sid/cvx': ['2.16.840.1.113883.12.292', 'CVX'],
  'http://hl7.org/fhir/sid/icd-10-cm': ['2.16.840.1.113883.6.90', 'ICD-10-CM'],
}

export interface DataModelCode {
  readonly Code: string | null
  readonly CodeSystem: string | null
  readonly CodeSystemName: string | null
  readonly Name: string | null
}

/** The first coding of a CodeableConcept (its text as the name when it has one). */
export function codeOf(concept: unknown): DataModelCode {
  const c = concept as { coding?: Part[]; text?: unknown } | undefined
  const coding = c?.coding?.[0]
  const system = SYSTEMS[String(coding?.system)]
  return {
    Code: text(coding?.code),
    CodeSystem: system?.[0] ?? text(coding?.system),
    CodeSystemName: system?.[1] ?? null,
    Name: text(c?.text) ?? text(coding?.display),
  }
}

export function identifiersOf(patient: FhirResource) {
  return list(patient.identifier).map((i) => ({
    ID: text(i.value),
    IDType: text(list((i.type as Part | undefined)?.coding)[0]?.code) ?? 'MR',
  }))
}

export function demographicsOf(patient: FhirResource) {
  const name = list(patient.name)[0] ?? {}
  const given = list(name.given) as unknown as string[]
  const address = list(patient.address)[0] ?? {}
  const telecom = list(patient.telecom)
  const phone = (use: string) =>
    text(telecom.find((t) => t.system === 'phone' && t.use === use)?.value)
  const language = list((list(patient.communication)[0]?.language as Part | undefined)?.coding)[0]
  return {
    FirstName: given[0] ?? null,
    MiddleName: given[1] ?? null,
    LastName: text(name.family),
    DOB: text(patient.birthDate),
    SSN: null,
    Sex: sexOf(patient.gender),
    Address: {
      StreetAddress: (list(address.line) as unknown as string[]).join(', ') || null,
      City: text(address.city),
      State: text(address.state),
      ZIP: text(address.postalCode),
      County: null,
      Country: text(address.country),
    },
    PhoneNumber: { Home: phone('home'), Office: phone('work'), Mobile: phone('mobile') },
    EmailAddresses: telecom.filter((t) => t.system === 'email').map((t) => t.value),
    Language: text(language?.code),
  }
}

function sexOf(gender: unknown): string {
  switch (gender) {
    case 'female':
      return 'Female'
    case 'male':
      return 'Male'
    case 'other':
      return 'Other'
    default:
      return 'Unknown'
  }
}

/** Whether the request's `Patient` names this patient: an identifier value, or first and last name with DOB. */
export function patientMatches(patient: FhirResource, wanted: unknown): boolean {
  const w = wanted as { Identifiers?: unknown; Demographics?: Part } | undefined
  const ids = new Set(identifiersOf(patient).map((i) => i.ID))
  const asked = list(w?.Identifiers)
    .map((i) => i.ID)
    .filter((id): id is string => typeof id === 'string')
  if (asked.length > 0) return asked.some((id) => ids.has(id))
  const d = w?.Demographics
  if (!d) return false
  const mine = demographicsOf(patient)
  const same = (a: unknown, b: string | null) =>
    typeof a === 'string' && b !== null && a.localeCompare(b, 'en', { sensitivity: 'base' }) === 0
  return same(d.FirstName, mine.FirstName) && same(d.LastName, mine.LastName) && d.DOB === mine.DOB
}
