/**
 * Every StandinError code renders in the envelope of the Redox surface it happens on, because other
 * features (forced faults, proxies, body limits) raise any of them on any route.
 */
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { StandinError, type StandinErrorCode } from '../../../src/core/errors.js'
import { TOKEN_ERROR_URI, renderRedoxError } from '../../../src/providers/redox/errors.js'
import type { StandinEnv } from '../../../src/providers/provider.js'

/** [status, OAuth/gateway error, gateway description, FHIR issue, refused before the API?] */
const EXPECTED: Record<StandinErrorCode, [number, string, string, string, boolean]> = {
  invalid_request: [400, 'invalid_request', 'Bad request', 'invalid', false],
  invalid_credentials: [401, 'invalid_token', 'Authentication failed', 'login', true],
  token_expired: [401, 'invalid_token', 'Authentication failed', 'login', true],
  token_revoked: [401, 'invalid_token', 'Authentication failed', 'login', true],
  forbidden: [403, 'forbidden', 'Forbidden', 'forbidden', false],
  not_found: [404, 'not_found', 'Not found', 'not-found', false],
  method_not_allowed: [405, 'invalid_request', 'Method not allowed', 'not-supported', false],
  conflict: [409, 'conflict', 'Conflict', 'conflict', false],
  payload_too_large: [413, 'payload_too_large', 'Request entity too large', 'too-costly', true],
  unsupported_media_type: [
    415,
    'invalid_request',
    'Unsupported media type',
    'not-supported',
    false,
  ],
  rate_limited: [429, 'rate_limited', 'Too many requests', 'throttled', true],
  upstream_failed: [502, 'bad_gateway', 'Bad gateway', 'transient', true],
  upstream_timeout: [504, 'gateway_timeout', 'Gateway timeout', 'timeout', true],
  unavailable: [503, 'temporarily_unavailable', 'Service unavailable', 'transient', true],
  internal: [500, 'server_error', 'Internal server error', 'exception', true],
}

const CASES = Object.entries(EXPECTED) as [StandinErrorCode, (typeof EXPECTED)[StandinErrorCode]][]

function appThrowing(code: StandinErrorCode): Hono<StandinEnv> {
  const app = new Hono<StandinEnv>()
  app.onError((error, c) => renderRedoxError(error as StandinError, c))
  app.all('*', () => {
    throw new StandinError(code, 'a forced fault', { detail: 'secret detail for the journal' })
  })
  return app
}

async function call(code: StandinErrorCode, path: string) {
  const response = await appThrowing(code).request(path, { method: 'POST' })
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: (await response.json()) as unknown,
  }
}

describe('Redox error rendering', () => {
  it.each(CASES)(
    'renders %s on the token endpoint as an OAuth error',
    async (code, [status, error, description]) => {
      const oauthError = code === 'invalid_credentials' ? 'invalid_client' : error
      expect(await call(code, '/redox/v2/auth/token')).toEqual({
        status,
        type: 'application/json',
        body: {
          error: oauthError,
          error_description: code === 'internal' ? '' : description,
          error_uri: TOKEN_ERROR_URI,
        },
      })
    },
  )

  it.each(CASES)(
    'renders %s on FHIR routes',
    async (code, [status, error, description, issue, gateway]) => {
      expect(await call(code, '/redox-ca/fhir/R4/redox-fhir-sandbox/Development/Patient')).toEqual({
        status,
        type: gateway ? 'application/json' : 'application/fhir+json; charset=utf-8',
        body: gateway
          ? { error, error_description: description }
          : {
              resourceType: 'OperationOutcome',
              issue: [{ severity: 'error', code: issue, diagnostics: 'a forced fault' }],
            },
      })
    },
  )

  it.each(CASES)(
    'renders %s on the Data Model API',
    async (code, [status, error, description, , gateway]) => {
      const { body, ...rest } = await call(code, '/redox/endpoint')
      expect(rest).toEqual({ status, type: 'application/json' })
      expect(body).toEqual(
        gateway
          ? { error, error_description: description }
          : {
              Meta: {
                Errors: [
                  {
                    ID: expect.any(Number) as number,
                    Text: 'a forced fault',
                    Type: 'request',
                    Module: 'Send',
                  },
                ],
              },
            },
      )
    },
  )

  it('never puts the journal detail on the wire', async () => {
    for (const [code] of CASES) {
      for (const path of [
        '/redox/v2/auth/token',
        '/redox/fhir/R4/a/b/C',
        '/redox/endpoint',
        '/redox/auth/authenticate',
      ]) {
        expect(JSON.stringify((await call(code, path)).body)).not.toContain('secret detail')
      }
    }
  })
})
