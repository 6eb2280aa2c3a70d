/**
 * Small clients for the echo providers and the control plane, shared by the lever tests.
 */
import type { TestStandin } from '../../src/testing/index.js'

export const START = '2026-03-01T08:00:00.000Z'

/** `START` plus `seconds`, as ISO. */
export function startPlus(seconds: number): string {
  return new Date(Date.parse(START) + seconds * 1000).toISOString()
}

export async function obtainToken(
  t: TestStandin,
  subject = 'ana',
  mount = '/echo',
): Promise<string> {
  const response = await t.request(`${mount}/token`, {
    method: 'POST',
    body: new URLSearchParams({ subject }),
  })
  if (response.status !== 200) throw new Error(`token request failed: ${String(response.status)}`)
  return ((await response.json()) as { token: string }).token
}

export interface Answer {
  readonly status: number
  readonly body: unknown
}

/** One data call; the answer's whole JSON body (or null when there is none). */
export async function callData(
  t: TestStandin,
  token: string,
  options: { mount?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const response = await t.request(`${options.mount ?? '/echo'}/data`, {
    headers: { authorization: `Bearer ${token}`, ...options.headers },
  })
  const text = await response.text()
  return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown) }
}

export async function admin(
  t: TestStandin,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<Answer> {
  const response = await t.request(`/_standin${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    headers: { 'content-type': 'application/json' },
  })
  return { status: response.status, body: await response.json() }
}
