/**
 * The FHIR R4 search parameters standin understands, per resource type: each names its FHIR type
 * (which decides how a value matches, see `fhir-search-values.ts`) and where in the resource it
 * looks. `_id` and `_lastUpdated` apply to every type. Reference parameters also drive chaining
 * (`general-practitioner.identifier`), `_include` and `_revinclude`.
 * @see https://hl7.org/fhir/R4/searchparameter-registry.html
 * @see https://docs.redoxengine.com/api-reference/fhir-api-reference/fhir-resources/Patient/_search/
 */
import type { FhirResource } from '../state/fhir-store.js'
import { asArray, type Get } from './fhir-search-values.js'

export type ParamType = 'token' | 'string' | 'date' | 'reference'

export interface SearchParam {
  readonly type: ParamType
  readonly get: Get
  /** The resource types a reference parameter may point to (the first is a bare id's type). */
  readonly targets: readonly string[]
}

const param =
  (type: ParamType) =>
  (get: Get, ...targets: string[]): SearchParam => ({ type, get, targets })
const token = param('token')
const string = param('string')
const date = param('date')
const reference = param('reference')

type Part = Record<string, unknown>
const all = (r: FhirResource, field: string) => asArray(r[field]) as Part[]
const each = (v: unknown, field: string) => asArray(v).flatMap((o) => asArray((o as Part)[field]))
const telecom = (system: string) => (r: FhirResource) =>
  all(r, 'telecom')
    .filter((t) => t.system === system)
    .map((t) => t.value)
const names = (r: FhirResource) => all(r, 'name')
const actors = (type: string) => (r: FhirResource) =>
  each(r.participant, 'actor').filter((a) =>
    String((a as { reference?: string }).reference).startsWith(`${type}/`),
  )

const patient = reference((r) => r.subject, 'Patient')
const subject = patient
const encounter = reference((r) => r.encounter, 'Encounter')
const identifier = token((r) => r.identifier)
const status = token((r) => r.status)
const code = token((r) => r.code)
const category = token((r) => r.category)
const personNames = {
  given: string((r) => each(names(r), 'given')),
  family: string((r) => each(names(r), 'family')),
  name: string((r) => [
    ...each(names(r), 'given'),
    ...each(names(r), 'family'),
    ...each(names(r), 'text'),
  ]),
}
const address = (field: string) => string((r) => each(r.address, field))
const addressAny = string((r) =>
  ['line', 'city', 'district', 'state', 'postalCode', 'country', 'text'].flatMap((f) =>
    each(r.address, f),
  ),
)

/** What Observation and DiagnosticReport share: a subject's finding made at a time by someone. */
const finding = {
  identifier,
  patient,
  subject,
  encounter,
  category,
  code,
  status,
  date: date((r) => r.effectiveDateTime ?? r.effectivePeriod),
  performer: reference((r) => r.performer, 'Practitioner', 'Organization'),
}

/** Every type's own parameters; `COMMON` adds `_id` and `_lastUpdated`. */
const OWN: Readonly<Record<string, Readonly<Record<string, SearchParam>>>> = {
  Patient: {
    identifier,
    ...personNames,
    birthdate: date((r) => r.birthDate),
    gender: token((r) => r.gender),
    active: token((r) => r.active),
    'general-practitioner': reference((r) => r.generalPractitioner, 'Practitioner', 'Organization'),
    organization: reference((r) => r.managingOrganization, 'Organization'),
    address: addressAny,
    'address-line': address('line'),
    'address-city': address('city'),
    'address-state': address('state'),
    'address-postalcode': address('postalCode'),
    phone: token(telecom('phone')),
    email: token(telecom('email')),
  },
  Encounter: {
    identifier,
    patient,
    subject,
    status,
    class: token((r) => r.class),
    type: token((r) => r.type),
    date: date((r) => r.period),
    participant: reference((r) => each(r.participant, 'individual'), 'Practitioner'),
    location: reference((r) => each(r.location, 'location'), 'Location'),
    'service-provider': reference((r) => r.serviceProvider, 'Organization'),
  },
  Observation: finding,
  Condition: {
    identifier,
    patient,
    subject,
    encounter,
    category,
    code,
    'clinical-status': token((r) => r.clinicalStatus),
    'onset-date': date((r) => r.onsetDateTime ?? r.onsetPeriod),
    'recorded-date': date((r) => r.recordedDate),
  },
  MedicationRequest: {
    identifier,
    patient,
    subject,
    encounter,
    status,
    intent: token((r) => r.intent),
    code: token((r) => r.medicationCodeableConcept),
    authoredon: date((r) => r.authoredOn),
    requester: reference((r) => r.requester, 'Practitioner'),
  },
  AllergyIntolerance: {
    identifier,
    patient: reference((r) => r.patient, 'Patient'),
    code,
    category,
    'clinical-status': token((r) => r.clinicalStatus),
    date: date((r) => r.recordedDate),
  },
  Appointment: {
    identifier,
    status,
    date: date((r) => r.start),
    patient: reference(actors('Patient'), 'Patient'),
    practitioner: reference(actors('Practitioner'), 'Practitioner'),
    location: reference(actors('Location'), 'Location'),
    actor: reference((r) => each(r.participant, 'actor'), 'Patient', 'Practitioner', 'Location'),
  },
  Coverage: {
    identifier,
    status,
    patient: reference((r) => r.beneficiary, 'Patient'),
    beneficiary: reference((r) => r.beneficiary, 'Patient'),
    payor: reference((r) => r.payor, 'Organization', 'Patient'),
  },
  DiagnosticReport: { ...finding, result: reference((r) => r.result, 'Observation') },
  DocumentReference: {
    identifier,
    patient,
    subject,
    status,
    category,
    type: token((r) => r.type),
    date: date((r) => r.date),
    encounter: reference((r) => each(r.context, 'encounter'), 'Encounter'),
    author: reference((r) => r.author, 'Practitioner', 'Organization'),
  },
  Immunization: {
    identifier,
    patient: reference((r) => r.patient, 'Patient'),
    status,
    date: date((r) => r.occurrenceDateTime),
    'vaccine-code': token((r) => r.vaccineCode),
  },
  Location: {
    identifier,
    name: string((r) => r.name),
    'address-city': string((r) => (r.address as Part | undefined)?.city),
    organization: reference((r) => r.managingOrganization, 'Organization'),
  },
  Organization: {
    identifier,
    name: string((r) => r.name),
    'address-city': address('city'),
  },
  Practitioner: { identifier, ...personNames },
  Procedure: {
    identifier,
    patient,
    subject,
    encounter,
    code,
    status,
    date: date((r) => r.performedDateTime ?? r.performedPeriod),
    performer: reference((r) => each(r.performer, 'actor'), 'Practitioner', 'Organization'),
  },
}

const COMMON: Readonly<Record<string, SearchParam>> = {
  _id: token((r) => r.id),
  _lastUpdated: date((r) => (r.meta as { lastUpdated?: string } | undefined)?.lastUpdated),
}

export const SEARCH_PARAMETERS: Readonly<Record<string, Readonly<Record<string, SearchParam>>>> =
  Object.fromEntries(
    Object.entries(OWN).map(([type, own]) => [type, { ...COMMON, ...own }] as const),
  )

export const RESOURCE_TYPES: readonly string[] = Object.keys(OWN).sort()
