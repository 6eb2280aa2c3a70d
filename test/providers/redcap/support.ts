/**
 * Helpers for REDCap tests: the default scenario, its fixed tokens, and a form-encoded client that
 * posts to `/redcap/api/` the way PyCap and REDCapR do.
 */
import { afterAll, beforeAll, expect } from 'vitest'
import { serveApp, type RunningServer } from '../../../src/node/serve.js'
import type { TestStandin } from '../../../src/testing/index.js'
import { createTestStandin } from '../../../src/testing/index.js'

export const ALICE_CLASSIC = 'ABCDEF0123456789ABCDEF0123456789'
export const ALICE_LONG = 'FEDCBA9876543210FEDCBA9876543210'
export const ETL_CLASSIC = '0123456789ABCDEF0123456789ABCDEF'
export const ALICE_SUPER = 'ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789'

export const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" ?>'
export const JSON_TYPE = 'application/json; charset=utf-8'
export const CSV_TYPE = 'text/csv; charset=utf-8'
export const XML_TYPE = 'text/xml; charset=utf-8'

export function startDefault(): Promise<TestStandin> {
  return createTestStandin({ scenario: 'default' })
}

export type Params = Record<string, string | readonly string[]>

/** URL-encodes params; arrays become `name[0]=..&name[1]=..` as PyCap sends them. */
export function formBody(params: Params): URLSearchParams {
  const body = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === 'string') body.append(key, value)
    else
      value.forEach((v, i) => {
        body.append(`${key}[${String(i)}]`, v)
      })
  }
  return body
}

export function api(t: TestStandin, params: Params): Promise<Response> {
  return t.request('/redcap/api/', { method: 'POST', body: formBody(params) })
}

export interface Answer {
  readonly status: number
  readonly type: string | null
  readonly body: string
}

export async function answer(response: Response): Promise<Answer> {
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: await response.text(),
  }
}

export async function call(t: TestStandin, params: Params): Promise<Answer> {
  return answer(await api(t, params))
}

/** A JSON reply, parsed, after checking it is a 200 with REDCap's JSON content type. */
export async function json(t: TestStandin, params: Params): Promise<unknown> {
  const a = await call(t, { format: 'json', ...params })
  expect({ status: a.status, type: a.type }).toEqual({ status: 200, type: JSON_TYPE })
  return JSON.parse(a.body)
}

export async function control(
  t: TestStandin,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const response = await t.request(`/_standin/redcap${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  return { status: response.status, body: await response.json() }
}

export function errorXml(message: string): string {
  return `${XML_HEAD}<hash><error>${message}</error></hash>`
}

/** A standin with one REDCap section: the classic (13) and longitudinal (14) fixtures and `users`. */
export function startWith(redcap: Record<string, unknown>): Promise<TestStandin> {
  return createTestStandin({ scenario: { seed: 'standin', providers: { redcap } } })
}

export const TOKEN_A = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'
export const TOKEN_B = 'BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB'

/** Project 13 (classic) with one user whose rights and project state a test chooses. */
export function startClassicWith(
  rights: Record<string, unknown>,
  project: Record<string, unknown> = {},
  system: Record<string, unknown> = {},
): Promise<TestStandin> {
  return startWith({
    ...system,
    projects: [
      {
        id: 13,
        fixture: 'classic',
        ...project,
        users: [{ username: 'u', token: TOKEN_A, rights }],
      },
      { id: 14, fixture: 'longitudinal', users: [{ username: 'u', token: TOKEN_B, rights }] },
    ],
  })
}

/** A file for the multipart part `file`. */
export interface FilePart {
  readonly name: string
  readonly type?: string
  readonly text?: string
  readonly bytes?: Uint8Array<ArrayBuffer>
}

/**
 * A multipart body: PyCap and REDCapR upload files this way (part `file`), and redcapAPI's
 * `curl::handle_setform` sends every call this way.
 */
export function multipartBody(params: Record<string, string>, file?: FilePart): FormData {
  const form = new FormData()
  for (const [key, value] of Object.entries(params)) form.append(key, value)
  if (file)
    form.append(
      'file',
      new Blob([file.bytes ?? file.text ?? ''], { type: file.type ?? '' }),
      file.name,
    )
  return form
}

/** A multipart POST through the app. */
export function upload(
  t: TestStandin,
  params: Record<string, string>,
  file?: FilePart,
): Promise<Response> {
  return t.request('/redcap/api/', { method: 'POST', body: multipartBody(params, file) })
}

/** A POST to `<url>/redcap/api/` over real HTTP. */
export function postTo(url: string, body: URLSearchParams | FormData): Promise<Response> {
  return fetch(`${url}/redcap/api/`, { method: 'POST', body })
}

/** A download as clients see it: status, Content-Type, the CSP header and the text. */
export async function downloaded(response: Response) {
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    csp: response.headers.get('content-security-policy'),
    body: await response.text(),
  }
}

/**
 * The default scenario on a real socket (127.0.0.1, a free port) for the test file that calls
 * this: started before its tests, closed after them.
 */
export function serveDefault(): { readonly url: () => string } {
  let server: RunningServer | undefined
  beforeAll(async () => {
    const t = await startDefault()
    server = await serveApp((request) => t.app.fetch(request), { host: '127.0.0.1', port: 0 })
  })
  afterAll(async () => {
    await server?.close()
  })
  return { url: () => server?.url ?? '' }
}
