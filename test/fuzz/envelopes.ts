/**
 * Each provider's own error envelope, as a predicate over the answer's text: a refusal must look
 * like the real service's, whatever broke it.
 */

function json(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

function keys(value: unknown): string {
  return typeof value === 'object' && value !== null ? Object.keys(value).sort().join() : ''
}

export type Envelope = (text: string) => boolean

/** REDCap: `{"error": "..."}` in JSON, `<hash><error>...</error></hash>` in XML. */
export const redcapJson: Envelope = (text) => {
  const body = json(text) as { error?: unknown } | undefined
  return keys(body) === 'error' && typeof body?.error === 'string'
}

export const redcapXml: Envelope = (text) =>
  /^<\?xml version="1\.0" encoding="UTF-8" \?><hash><error>[^<]+<\/error><\/hash>$/.test(text)

/** REDCap's web server (Apache) refusing a body before REDCap sees it: its HTML error page. */
export const redcapApache: Envelope = (text) =>
  text.startsWith('<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">') &&
  text.includes('<title>413 Request Entity Too Large</title>')

/** Redox's token endpoint: OAuth's error object with Redox's `error_uri`. */
export const redoxOAuth: Envelope = (text) =>
  keys(json(text)) === 'error,error_description,error_uri'

/** Redox FHIR: an OperationOutcome. */
export const redoxFhir: Envelope = (text) =>
  (json(text) as { resourceType?: unknown } | undefined)?.resourceType === 'OperationOutcome'

/** Redox's Data Model API: `Meta.Errors[]`. */
export const redoxDataModel: Envelope = (text) => {
  const body = json(text) as { Meta?: { Errors?: unknown } } | undefined
  return Array.isArray(body?.Meta?.Errors)
}

/** Epicollect5: `{"errors": [{"code": "ec5_...", ...}]}`. */
export const epicollect: Envelope = (text) => {
  const body = json(text) as { errors?: { code?: unknown }[] } | undefined
  return (
    keys(body) === 'errors' &&
    Array.isArray(body?.errors) &&
    body.errors.every((e) => typeof e.code === 'string' && e.code.startsWith('ec5_'))
  )
}

/** The control plane: `{"error": {"code", "message"}}`. */
export const control: Envelope = (text) => {
  const body = json(text) as { error?: unknown } | undefined
  return keys(body) === 'error' && keys(body?.error) === 'code,message'
}
