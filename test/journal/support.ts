/**
 * A standin with the default scenario on a real port, and plain-fetch helpers for the journal's
 * control routes: what an integration test in any language would send.
 */
import { afterEach } from 'vitest'
import { startStandin, type StartedStandin } from '../../src/testing/index.js'
import type { StartStandinOptions } from '../../src/testing/start-standin.js'

let running: StartedStandin[] = []
afterEach(async () => {
  await Promise.all(running.map((s) => s.close()))
  running = []
})

export async function serveDefault(options: StartStandinOptions = {}): Promise<StartedStandin> {
  const started = await startStandin({ scenario: 'default', ...options })
  running.push(started)
  return started
}

export function redcap(
  s: StartedStandin,
  params: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${s.url}/redcap/api/`, {
    method: 'POST',
    body: new URLSearchParams(params),
    headers,
  })
}

export interface Answer {
  readonly status: number
  readonly body: unknown
}

export async function control(
  s: StartedStandin,
  path: string,
  body?: unknown,
  method = body === undefined ? 'GET' : 'POST',
): Promise<Answer> {
  const response = await fetch(`${s.url}/_standin${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    headers: { 'content-type': 'application/json' },
  })
  return { status: response.status, body: await response.json() }
}
