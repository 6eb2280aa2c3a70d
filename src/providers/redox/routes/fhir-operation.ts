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
  /** The config's `maxNestingDepth`: deeper bodies are refused before they are read. */
  readonly maxNestingDepth: number
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
  const { header, fullUrl } = messageHeaderOf(
    readJson(contentType, FHIR_JSON, body, deps.maxNestingDepth),
    `${type}/${operation}`,
  )
  const event = isUri(header.eventUri)
    ? { eventUri: header.eventUri }
    : { eventCoding: codingOf(header.eventCoding) }
  const answered = fhirId(header.id) ?? fhirId(/^urn:uuid:(.+)$/.exec(fullUrl ?? '')?.[1])
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
          // `response.identifier` is the request header's id (an R4 `id`, 1 to 64 characters); a
          // header with neither an id nor a `urn:uuid:` fullUrl gets no `response` element.
          ...(answered === undefined ? {} : { response: { identifier: answered, code: 'ok' } }),
        },
      },
    ],
  }
}

const isUri = (v: unknown): v is string => typeof v === 'string' && /^\S+$/.test(v)

/** An R4 `id`, or undefined. */
function fhirId(v: unknown): string | undefined {
  return typeof v === 'string' && /^[A-Za-z0-9\-.]{1,64}$/.test(v) ? v : undefined
}

/** The event coding's string members only, so the answer echoes nothing malformed. */
function codingOf(coding: MessageHeader['eventCoding']): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of ['system', 'code', 'display'] as const) {
    const v = (coding as Record<string, unknown> | undefined)?.[name]
    if (typeof v === 'string' && v.trim() !== '') out[name] = v
  }
  return out
}

function messageHeaderOf(
  data: unknown,
  where: string,
): { header: MessageHeader; fullUrl: string | undefined } {
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
    ? (bundle.entry[0] as { resource?: MessageHeader; fullUrl?: unknown } | undefined)
    : undefined
  const header = first?.resource
  if (header?.resourceType !== 'MessageHeader')
    throw invalid('The first entry of a message Bundle must be a MessageHeader')
  const code = header.eventCoding?.code
  const hasEvent = isUri(header.eventUri) || (typeof code === 'string' && code.trim() !== '')
  if (!hasEvent) throw invalid('The MessageHeader needs an eventUri or eventCoding')
  const fullUrl = first?.fullUrl
  return { header, fullUrl: typeof fullUrl === 'string' ? fullUrl : undefined }
}
