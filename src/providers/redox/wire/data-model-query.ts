/**
 * The results of the two patient queries the Data Model API answers synchronously: PatientSearch
 * `Query` (the patient named by an identifier, or by first and last name with DOB) and
 * ClinicalSummary `PatientQuery` (that patient's summary). The response's `Meta.EventType` becomes
 * `QueryResponse` / `PatientQueryResponse`. A search that finds nobody answers an empty `Patient`.
 * @see https://developer.redoxengine.com/data-models/PatientSearch.html
 * @see https://developer.redoxengine.com/data-models/ClinicalSummary.html
 */
import type { FhirStore } from '../state/fhir-store.js'
import { clinicalSummary } from './clinical-summary.js'
import { demographicsOf, identifiersOf, patientMatches } from './data-model-patient.js'

export interface QueryAnswer {
  readonly eventType: string
  readonly body: Record<string, unknown>
}

export function answerQuery(
  store: FhirStore,
  dataModel: string,
  eventType: string,
  request: Record<string, unknown>,
): QueryAnswer | undefined {
  const asked = dataModel === 'PatientSearch' && eventType === 'Query'
  const summary = dataModel === 'ClinicalSummary' && eventType === 'PatientQuery'
  if (!asked && !summary) return undefined
  const patient = store.ofType('Patient').find((p) => patientMatches(p, request.Patient))
  if (summary) {
    const body = patient
      ? clinicalSummary(store, patient)
      : { Header: { Patient: { Identifiers: [], Demographics: {} } } }
    return { eventType: 'PatientQueryResponse', body }
  }
  const body = patient
    ? {
        Patient: {
          Identifiers: identifiersOf(patient),
          Demographics: demographicsOf(patient),
          Notes: [],
        },
      }
    : { Patient: { Identifiers: [], Demographics: {}, Notes: [] } }
  return { eventType: 'QueryResponse', body }
}
