/**
 * Helpers for REDCap tests: the default scenario, its fixed tokens, and a form-encoded client that
 * posts to `/redcap/api/` the way PyCap and REDCapR do.
 */
import { expect } from 'vitest'
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
