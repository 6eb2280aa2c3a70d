/**
 * A recorded request made again for the simulation: the same method, mount, path, query and body,
 * with the placeholders that stood for the app's credential replaced by the scenario's.
 */
import { fromBase64 } from '../proxy/bytes.js'
import type { RecordedBody, RecordedRequest } from '../proxy/recording-format.js'
import type { DriftAuthorization, DriftRequest } from '../providers/drift-profile.js'

/** The in-process origin drift's requests name: loopback, which every guard lets through. */
const ORIGIN = 'http://127.0.0.1'

export function driftRequest(request: RecordedRequest): DriftRequest {
  return {
    method: request.method,
    mount: request.mount,
    path: request.path,
    query: request.query,
    fields: fieldsOf(request.body),
  }
}

function fieldsOf(body: RecordedBody | undefined): (readonly [string, string])[] {
  if (body === undefined) return []
  if ('form' in body) return body.form
  if ('multipart' in body)
    return body.multipart.flatMap((p) => (p.text === undefined ? [] : [[p.name, p.text] as const]))
  return []
}

export function toRequest(request: RecordedRequest, auth: DriftAuthorization): Request {
  const fields = auth.fields ?? {}
  const swap = ([name, value]: readonly [string, string]): [string, string] => [
    name,
    fields[name] ?? value,
  ]
  const query = new URLSearchParams(request.query.map(swap)).toString()
  const url = `${ORIGIN}${request.mount}${request.path}${query === '' ? '' : `?${query}`}`
  const headers = new Headers(auth.headers)
  const body = bodyOf(request.body, swap)
  // FormData sets its own multipart boundary; every other body keeps its recorded type.
  if (request.contentType !== undefined && !(body instanceof FormData))
    headers.set('content-type', request.contentType)
  return new Request(url, { method: request.method, headers, body })
}

function bodyOf(
  body: RecordedBody | undefined,
  swap: (pair: readonly [string, string]) => [string, string],
): BodyInit | null {
  if (body === undefined) return null
  if ('form' in body) return new URLSearchParams(body.form.map(swap)).toString()
  if ('json' in body) return JSON.stringify(body.json)
  if ('text' in body) return body.text
  if ('base64' in body) return fromBase64(body.base64)
  const form = new FormData()
  for (const part of body.multipart) {
    if (part.text !== undefined && part.filename === undefined) {
      form.append(...swap([part.name, part.text]))
      continue
    }
    const bytes = part.base64 === undefined ? (part.text ?? '') : fromBase64(part.base64)
    const type = part.contentType === undefined ? {} : { type: part.contentType }
    form.append(part.name, new Blob([bytes], type), part.filename ?? part.name)
  }
  return form
}
