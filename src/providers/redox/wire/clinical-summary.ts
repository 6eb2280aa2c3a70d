/**
 * A ClinicalSummary `PatientQueryResponse` built from one fixture patient's FHIR resources: the
 * header's patient, then allergies, encounters, immunizations, insurances, medications, problems,
 * procedures, results (DiagnosticReports with their Observations) and vital signs (vital-sign
 * Observations grouped by time). Sections standin has no data for are empty.
 * @see https://developer.redoxengine.com/data-models/ClinicalSummary.html
 */
import type { FhirResource, FhirStore } from '../state/fhir-store.js'
import { codeOf, demographicsOf, identifiersOf } from './data-model-patient.js'

type Part = Record<string, unknown>
const list = (v: unknown): Part[] => (Array.isArray(v) ? (v as Part[]) : [])
const text = (v: unknown): string | null => (typeof v === 'string' ? v : null)
const ref = (v: unknown) => text((v as Part | undefined)?.reference)

/** A coded status (`clinicalStatus`, a plain `status` code) as `{Code, Name}`. */
const status = (v: unknown) => {
  const code = typeof v === 'string' ? v : codeOf(v).Code
  return code === null ? null : { Code: code, Name: code }
}

function observation(o: FhirResource) {
  const q = o.valueQuantity as Part | undefined
  const range = list(o.referenceRange)[0]
  const bound = (b: unknown) => ((b as Part | undefined)?.value as number | undefined) ?? null
  return {
    ...codeOf(o.code),
    Status: text(o.status),
    DateTime: text(o.effectiveDateTime),
    Value: typeof q?.value === 'number' ? String(q.value) : null,
    ValueType: q === undefined ? null : 'Numeric',
    Units: text(q?.unit),
    ReferenceRange: {
      Low: bound(range?.low),
      High: bound(range?.high),
      Text: text(range?.text),
    },
    Interpretation: codeOf(list(o.interpretation)[0]).Name,
  }
}

/** Each Observation with components counts as one vital sign per component. */
function vitalObservations(o: FhirResource): ReturnType<typeof observation>[] {
  const parts = list(o.component)
  if (parts.length === 0) return [observation(o)]
  return parts.map((c) =>
    observation({ ...o, code: c.code, valueQuantity: c.valueQuantity, referenceRange: [] }),
  )
}

export function clinicalSummary(store: FhirStore, patient: FhirResource) {
  const target = `Patient/${patient.id}`
  const mine = (type: string, field = 'subject') =>
    store.ofType(type).filter((r) => ref(r[field]) === target)
  const find = (reference: string | null) => {
    const [type = '', id = ''] = (reference ?? '').split('/')
    return store.find(type, id)
  }
  const observations = mine('Observation')
  const vitals = observations.filter((o) => JSON.stringify(o.category).includes('"vital-signs"'))
  const times = [...new Set(vitals.map((o) => text(o.effectiveDateTime) ?? ''))]
  return {
    Header: {
      Document: { ID: patient.id, Title: 'Clinical Summary', Type: 'ClinicalSummary' },
      Patient: { Identifiers: identifiersOf(patient), Demographics: demographicsOf(patient) },
    },
    AdvanceDirectives: [],
    Allergies: mine('AllergyIntolerance', 'patient').map((a) => ({
      Type: { Code: null, CodeSystem: null, CodeSystemName: null, Name: text(a.type) },
      Substance: codeOf(a.code),
      Criticality: { Name: text(a.criticality) },
      Status: status(a.clinicalStatus),
      StartDate: text(a.onsetDateTime),
      Reaction: [],
    })),
    Encounters: mine('Encounter').map((e) => ({
      Identifiers: list(e.identifier).map((i) => ({ ID: text(i.value), IDType: 'Visit' })),
      Type: codeOf(list(e.type)[0]),
      DateTime: text((e.period as Part | undefined)?.start),
      EndDateTime: text((e.period as Part | undefined)?.end),
      Providers: list(e.participant).map((p) => providerOf(find(ref(p.individual)))),
      Locations: list(e.location).map((l) => ({
        Name: text((l.location as Part | undefined)?.display),
      })),
      Diagnosis: [],
      ReasonForVisit: list(e.reasonCode).map(codeOf),
    })),
    FamilyHistory: [],
    Immunizations: mine('Immunization', 'patient').map((i) => ({
      DateTime: text(i.occurrenceDateTime),
      Product: codeOf(i.vaccineCode),
    })),
    Insurances: mine('Coverage', 'beneficiary').map((c) => ({
      MemberNumber: text(c.subscriberId),
      Company: { Name: text(list(c.payor)[0]?.display) },
      EffectiveDate: text((c.period as Part | undefined)?.start),
    })),
    MedicalEquipment: [],
    Medications: mine('MedicationRequest').map((m) => ({
      Prescription: m.intent === 'order',
      FreeTextSig: text(list(m.dosageInstruction)[0]?.text),
      StartDate: text(m.authoredOn),
      Product: codeOf(m.medicationCodeableConcept),
    })),
    Problems: mine('Condition').map((p) => ({
      ...codeOf(p.code),
      StartDate: text(p.onsetDateTime),
      EndDate: text(p.abatementDateTime),
      Category: codeOf(list(p.category)[0]),
      Status: status(p.clinicalStatus),
    })),
    Procedures: {
      Observations: [],
      Procedures: mine('Procedure').map((p) => ({
        ...codeOf(p.code),
        DateTime: text(p.performedDateTime),
        Status: text(p.status),
      })),
      Services: [],
    },
    Results: mine('DiagnosticReport').map((d) => ({
      ...codeOf(d.code),
      Status: text(d.status),
      Observations: list(d.result)
        .map((r) => find(ref(r)))
        .filter((o): o is FhirResource => o !== undefined)
        .map(observation),
    })),
    SocialHistory: { Observations: [] },
    VitalSigns: times.map((at) => ({
      DateTime: at,
      Observations: vitals.filter((o) => o.effectiveDateTime === at).flatMap(vitalObservations),
    })),
  }
}

function providerOf(practitioner: FhirResource | undefined) {
  const name = list(practitioner?.name)[0]
  const id = list(practitioner?.identifier)[0]
  return {
    ID: text(id?.value),
    IDType: id?.system === 'http://hl7.org/fhir/sid/us-npi' ? 'NPI' : null,
    FirstName: text(list(name?.given)[0]),
    LastName: text(name?.family),
  }
}
