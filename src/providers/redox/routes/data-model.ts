/**
 * The Data Model API, `POST /endpoint`: a JSON message whose `Meta` names the data model, the event
 * type and at least one destination (queries exactly one). Redox answers a send with the request's
 * `Meta` plus one log per destination.
 * @see https://developer.redoxengine.com/redox-json-api/initiating-requests/send/
 * @see https://developer.redoxengine.com/data-exchange/queries/
 */
import type { Random } from '../../../core/random.js'
import { invalid, readJson } from '../wire/request-body.js'

export interface DataModelDeps {
  readonly random: Random
}

interface Meta {
  readonly DataModel?: unknown
  readonly EventType?: unknown
  readonly Destinations?: unknown
  readonly [member: string]: unknown
}

export interface DataModelResponse {
  readonly Meta: Meta & { readonly Logs: readonly { ID: string; AttemptID: string }[] }
}

export function acceptDataModel(
  contentType: string | undefined,
  body: string,
  deps: DataModelDeps,
): DataModelResponse {
  const data = readJson(contentType, ['application/json'], body)
  const meta = (data as { Meta?: unknown } | null)?.Meta
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta))
    throw invalid('Meta is required')
  const { DataModel, EventType, Destinations } = meta as Meta
  if (typeof DataModel !== 'string' || DataModel === '') throw invalid('Meta.DataModel is required')
  if (typeof EventType !== 'string' || EventType === '') throw invalid('Meta.EventType is required')
  if (!Array.isArray(Destinations) || Destinations.length === 0)
    throw invalid('Meta.Destinations must list at least one destination')
  if (Destinations.some((d) => typeof (d as { ID?: unknown } | null)?.ID !== 'string'))
    throw invalid('Every destination in Meta.Destinations needs an ID')
  if (isQuery(EventType) && Destinations.length !== 1)
    throw invalid(
      'A query must have exactly one destination',
      `${String(Destinations.length)} destinations on a ${DataModel} ${EventType}`,
    )
  return {
    Meta: {
      ...(meta as Meta),
      Logs: Destinations.map(() => ({ ID: deps.random.uuid(), AttemptID: deps.random.uuid() })),
    },
  }
}

/** Synchronous queries: PatientSearch `Query`, ClinicalSummary `PatientQuery`, Scheduling `AvailableSlots`... */
function isQuery(eventType: string): boolean {
  return eventType.endsWith('Query') || eventType === 'AvailableSlots'
}
