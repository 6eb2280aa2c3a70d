/**
 * FHIR `$`-operations (`Patient/$patient-update`, `Observation/$observation-create`, ...): Redox
 * takes a Bundle of type `message` whose first entry is a MessageHeader naming the event. standin
 * checks those basics and acknowledges the message as FHIR's $process-message does: a message
 * Bundle whose MessageHeader answers `code: ok` to the request's header.
 * @see https://docs.redoxengine.com/api-reference/fhir-api-reference/fhir-resources/Patient/$patient-update
 * @see https://hl7.org/fhir/R4/messageheader-operation-process-message.html
 */
import type { Random } from '../../../core/random.js'
import type { FhirBundle } from './fhir.js'
import { invalid, readJson } from '../wire/request-body.js'

const FHIR_JSON = ['application/fhir+json', 'application/json']

export interface MessageDeps {
  readonly random: Random
  readonly nowIso: string
  /** This host's FHIR base, for the answering MessageHeader's source. */
  readonly base: string
}

interface MessageHeader {
  readonly resourceType: 'MessageHeader'
  readonly id?: string
  readonly eventUri?: unknown
  readonly eventCoding?: { readonly code?: unknown }
}

export function acceptMessage(
  type: string,
  operation: string,
  contentType: string | undefined,
  body: string,
  deps: MessageDeps,
): FhirBundle {
  const header = messageHeaderOf(readJson(contentType, FHIR_JSON, body), `${type}/${operation}`)
  const event =
    typeof header.eventUri === 'string'
      ? { eventUri: header.eventUri }
      : { eventCoding: header.eventCoding }
  const id = deps.random.uuid()
  return {
    resourceType: 'Bundle',
    id: deps.random.uuid(),
    type: 'message',
    timestamp: deps.nowIso,
    entry: [
      {
        fullUrl: `urn:uuid:${id}`,
        resource: {
          resourceType: 'MessageHeader',
          id,
          ...event,
          source: { name: 'Redox', endpoint: deps.base },
          response: { identifier: header.id ?? '', code: 'ok' },
        },
      },
    ],
  }
}

function messageHeaderOf(data: unknown, where: string): MessageHeader {
  const bundle = data as { resourceType?: unknown; type?: unknown; entry?: unknown } | null
  if (bundle?.resourceType !== 'Bundle')
    throw invalid(
      `${where} takes a Bundle`,
      `the body's resourceType is ${JSON.stringify(bundle?.resourceType)}`,
    )
  if (bundle.type !== 'message')
    throw invalid(
      'The Bundle type must be message',
      `the Bundle type is ${JSON.stringify(bundle.type)}`,
    )
  const first = Array.isArray(bundle.entry)
    ? (bundle.entry[0] as { resource?: MessageHeader } | undefined)
    : undefined
  const header = first?.resource
  if (header?.resourceType !== 'MessageHeader')
    throw invalid('The first entry of a message Bundle must be a MessageHeader')
  const hasEvent =
    typeof header.eventUri === 'string' || typeof header.eventCoding?.code === 'string'
  if (!hasEvent) throw invalid('The MessageHeader needs an eventUri or eventCoding')
  return header
}
