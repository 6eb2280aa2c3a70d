/**
 * Shared facts and helpers for the Epicollect5 tests: a scenario with an app on each private
 * project, the fixture projects' slugs and refs, and the exact error bodies of the real server.
 */
import { expect } from 'vitest'
import {
  createTestStandin,
  type TestStandin,
  type TestStandinOptions,
} from '../../../src/testing/index.js'

export const START = '2026-01-15T09:00:00.000Z'
export const RIVER = 'ec5-river-watch'
export const TREES = 'ec5-urban-trees'
export const BIRDS = 'ec5-school-bird-count'
export const RIVER_FORM = '66d4af12b289f92b52dbf89cbdd8dc88_65c9dcc0caf52'
export const RIVER_SURVEY_FORM = '66d4af12b289f92b52dbf89cbdd8dc88_65c9dcc5e023c'
export const RIVER_BRANCH = '66d4af12b289f92b52dbf89cbdd8dc88_65c9dcc0caf52_65c9df13dbf0a'
export const BIRDS_FORM = 'a70f69b01e9c38203540a0f5be2e1536_65a5024147ce9'

export const RIVER_APP = { clientId: 153, secret: 'RiverWatchSecret0123456789abcdefghijklmn' }
export const BIRDS_APP = { clientId: 154, secret: 'BirdCountSecret0123456789abcdefghijklmno' }

export function scenario(epicollect: Record<string, unknown> = {}): TestStandinOptions {
  return {
    scenario: {
      name: 'epicollect-test',
      clock: { start: START },
      providers: {
        epicollect: {
          apps: [
            {
              project: RIVER,
              name: 'River sync',
              clientId: RIVER_APP.clientId,
              clientSecret: RIVER_APP.secret,
            },
            {
              project: BIRDS,
              name: 'Bird board',
              clientId: BIRDS_APP.clientId,
              clientSecret: BIRDS_APP.secret,
            },
          ],
          ...epicollect,
        },
      },
    },
  }
}

export function standin(epicollect?: Record<string, unknown>): Promise<TestStandin> {
  return createTestStandin(scenario(epicollect))
}

export const problem = (code: string, title: string, source: string) => ({
  errors: [{ code, title, source }],
})
export const ACCESS_DENIED = problem('ec5_256', 'Access denied.', 'middleware')
export const UNAUTHORIZED_CLIENT = problem('ec5_257', 'Unauthorized client access.', 'middleware')
export const NO_PROJECT = problem('ec5_11', 'Project does not exist.', 'middleware')
export const PAGE_NOT_FOUND = problem('ec5_219', 'Page not found.', 'page not found exception')
export const METHOD_NOT_ALLOWED = problem(
  'ec5_219',
  'Page not found.',
  'method not allowed exception',
)
export const BAD_GRANT = problem('ec5_261', 'Unsupported grant type.', 'token issue')
export const BAD_CLIENT = problem('ec5_253', 'Invalid client credentials.', 'token issue')
export const NO_TOKEN = problem(
  'ec5_254',
  'Could not generate access token. Please contact support.',
  'token issue',
)
export const TOO_MANY = problem('ec5_255', 'Too many requests. Try again later.', 'rate-limiter')

export function tokenForm(clientId: number | string, secret: string): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: String(clientId),
      client_secret: secret,
    }),
  }
}

export async function token(t: TestStandin, app = RIVER_APP): Promise<string> {
  const response = await t.request(
    '/epicollect/api/oauth/token',
    tokenForm(app.clientId, app.secret),
  )
  expect(response.status).toBe(200)
  return ((await response.json()) as { access_token: string }).access_token
}

export function bearer(accessToken: string): RequestInit {
  return { headers: { authorization: `Bearer ${accessToken}` } }
}

/** Status and whole body, JSON parsed when it is JSON. */
export async function outcome(response: Response): Promise<{ status: number; body: unknown }> {
  const text = await response.text()
  try {
    return { status: response.status, body: JSON.parse(text) as unknown }
  } catch {
    return { status: response.status, body: text }
  }
}

export async function admin(
  t: TestStandin,
  method: string,
  path: string,
  body?: unknown,
): Promise<Response> {
  return t.request(`/_standin${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  })
}
