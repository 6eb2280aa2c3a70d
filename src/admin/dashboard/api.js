// The dashboard's only way out: the control API under /_standin, found relative to this page
// (/_standin/ui/ → /_standin/), so it works behind any prefix.

const BASE = new URL('../', location.href)

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
  }
}

export function controlUrl(path) {
  return new URL(path, BASE)
}

/** Calls a control route with an optional JSON body; resolves with the parsed reply. */
export async function api(path, { method = 'GET', body } = {}) {
  const response = await request(path, method, body)
  const text = await response.text()
  let data
  try {
    data = text === '' ? null : JSON.parse(text)
  } catch {
    data = text
  }
  if (!response.ok) {
    const message =
      data?.error?.message ?? `${method} /_standin/${path} answered ${response.status}.`
    throw new ApiError(response.status, data?.error?.code ?? 'unknown', message)
  }
  return data
}

/** The raw response, for downloads. Throws ApiError on a refusal. */
export async function apiResponse(path) {
  const response = await request(path, 'GET')
  if (!response.ok) {
    const data = await response.json().catch(() => null)
    throw new ApiError(
      response.status,
      data?.error?.code ?? 'unknown',
      data?.error?.message ?? `GET /_standin/${path} answered ${response.status}.`,
    )
  }
  return response
}

function request(path, method, body) {
  return fetch(controlUrl(path), {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
}

/** A path segment, escaped. */
export function segment(value) {
  return encodeURIComponent(String(value))
}
