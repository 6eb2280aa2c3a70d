// The dashboard's only way out: the control API under /_standin, found relative to this page
// (/_standin/ui/ → /_standin/), so it works behind any prefix. When standin guards its control
// plane with an admin token, every call carries the one the user gave (kept for this tab only).

const BASE = new URL('../', location.href)
const TOKEN_KEY = 'standin-admin-token'
let onUnauthorized = () => {}

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

/** The headers every control call carries: the admin token, when the user gave one. */
export function controlHeaders() {
  const token = sessionStorage.getItem(TOKEN_KEY)
  return token ? { 'standin-admin-token': token } : {}
}

export function setAdminToken(token) {
  sessionStorage.setItem(TOKEN_KEY, token)
}

/** Called when the control plane asks for the admin token (401 invalid_credentials). */
export function whenUnauthorized(handler) {
  onUnauthorized = handler
}

/** A refused control call as an ApiError; asks for the admin token when that is the reason. */
export function refusal(status, data, fallback) {
  const code = data?.error?.code ?? 'unknown'
  if (status === 401 && code === 'invalid_credentials') onUnauthorized()
  return new ApiError(status, code, data?.error?.message ?? fallback)
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
  if (!response.ok)
    throw refusal(response.status, data, `${method} /_standin/${path} answered ${response.status}.`)
  return data
}

/** The raw response, for downloads. Throws ApiError on a refusal. */
export async function apiResponse(path) {
  const response = await request(path, 'GET')
  if (!response.ok) {
    const data = await response.json().catch(() => null)
    throw refusal(response.status, data, `GET /_standin/${path} answered ${response.status}.`)
  }
  return response
}

function request(path, method, body) {
  return fetch(controlUrl(path), {
    method,
    headers: {
      ...controlHeaders(),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
}

/** A path segment, escaped. */
export function segment(value) {
  return encodeURIComponent(String(value))
}
