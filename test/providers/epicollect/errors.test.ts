import { describe, expect, it } from 'vitest'
import { StandinError, type StandinErrorCode } from '../../../src/core/errors.js'
import { ec5ErrorBody } from '../../../src/providers/epicollect/errors.js'
import { createTestStandin } from '../../../src/testing/index.js'
import { outcome, problem, scenario, standin } from './support.js'

const ec5 = (code: string, title: string, source: string) =>
  JSON.stringify(problem(code, title, source)).replace(/\//g, '\\/')
const DENIED = ec5('ec5_256', 'Access denied.', 'middleware')
const SERVER = ec5(
  'ec5_116',
  'Server error, please try again later. If the problem persists, please contact support.',
  'api',
)

describe('every standin outcome in the Epicollect5 envelope', () => {
  it.each<[StandinErrorCode, number, string]>([
    ['invalid_credentials', 404, DENIED],
    ['token_expired', 404, DENIED],
    ['token_revoked', 404, DENIED],
    ['forbidden', 404, ec5('ec5_257', 'Unauthorized client access.', 'middleware')],
    ['not_found', 422, ec5('ec5_219', 'Page not found.', 'page not found exception')],
    ['method_not_allowed', 422, ec5('ec5_219', 'Page not found.', 'method not allowed exception')],
    ['invalid_request', 400, ec5('ec5_29', 'Value invalid.', 'api')],
    ['unsupported_media_type', 400, ec5('ec5_29', 'Value invalid.', 'api')],
    ['conflict', 400, ec5('ec5_29', 'Value invalid.', 'api')],
    ['payload_too_large', 413, ec5('ec5_206', 'File size too large.', 'api')],
    ['rate_limited', 429, ec5('ec5_255', 'Too many requests. Try again later.', 'rate-limiter')],
    [
      'unavailable',
      503,
      ec5(
        'ec5_252',
        'The website is currently undergoing maintenance. Please try again later.',
        'maintenance.mode',
      ),
    ],
    ['upstream_failed', 502, SERVER],
    ['upstream_timeout', 504, SERVER],
    ['internal', 500, SERVER],
  ])('renders %s as %i', (code, status, body) => {
    expect(ec5ErrorBody(new StandinError(code, 'generic'))).toEqual({ status, body })
  })

  it('answers an oversized body with 413 ec5_206', async () => {
    const t = await createTestStandin({ ...scenario(), config: { bodyLimitBytes: 64 } })
    const response = await t.request('/epicollect/api/oauth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', padding: 'x'.repeat(200) }),
    })
    expect(await outcome(response)).toEqual({
      status: 413,
      body: problem('ec5_206', 'File size too large.', 'api'),
    })
  })

  it('answers a preflight on a known route with 200 and the CORS headers', async () => {
    const t = await standin()
    const response = await t.request('/epicollect/api/export/entries/ec5-urban-trees', {
      method: 'OPTIONS',
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    expect(response.headers.get('access-control-allow-headers')).toBe(
      'Content-Type, Authorization, X-XSRF-TOKEN',
    )
  })
})
