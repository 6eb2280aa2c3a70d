/**
 * Every StandinError in the envelope of the Redox surface it happened on:
 * - the token endpoint: OAuth `{error, error_description, error_uri}` as Redox documents it;
 * - FHIR: an OperationOutcome; the Data Model API: `Meta.Errors[]`;
 * - refusals in front of any API (401 Bearer, 429, 413, 5xx) and the legacy auth routes: one
 *   gateway body `{error, error_description}`; Redox documents only the statuses there.
 * @see https://docs.redoxengine.com/troubleshooting/troubleshoot-oauth-api-key-errors/
 * @see https://developer.redoxengine.com/api-reference/error-handling-and-responses
 */
import type { StandinError, StandinErrorCode } from '../../core/errors.js'
import type { StandinContext } from '../provider.js'
import { TOKEN_PATH } from './region.js'

/** The `error_uri` in Redox's documented token error body. */
export const TOKEN_ERROR_URI = 'https://docs.redoxengine.com/permalink/7sEi7MTFssZ1JuHpUYLeYJ'
export const FHIR_JSON = 'application/fhir+json; charset=utf-8'

type Surface = 'token' | 'fhir' | 'data-model' | 'gateway'

interface Wire {
  /** OAuth-style code for the token endpoint and gateway bodies. */
  readonly error: string
  readonly description: string
  /** FHIR OperationOutcome issue type. */
  readonly issue: string
  /** Refused before reaching an API (same body everywhere). */
  readonly gateway: boolean
}

function wireOf(code: StandinErrorCode): Wire {
  switch (code) {
    case 'invalid_request':
      return {
        error: 'invalid_request',
        description: 'Bad request',
        issue: 'invalid',
        gateway: false,
      }
    case 'unsupported_media_type':
      return {
        error: 'invalid_request',
        description: 'Unsupported media type',
        issue: 'not-supported',
        gateway: false,
      }
    case 'not_found':
      return { error: 'not_found', description: 'Not found', issue: 'not-found', gateway: false }
    case 'method_not_allowed':
      return {
        error: 'invalid_request',
        description: 'Method not allowed',
        issue: 'not-supported',
        gateway: false,
      }
    case 'forbidden':
      return { error: 'forbidden', description: 'Forbidden', issue: 'forbidden', gateway: false }
    case 'conflict':
      return { error: 'conflict', description: 'Conflict', issue: 'conflict', gateway: false }
    case 'invalid_credentials':
    case 'token_expired':
    case 'token_revoked':
      return {
        error: 'invalid_token',
        description: 'Authentication failed',
        issue: 'login',
        gateway: true,
      }
    case 'rate_limited':
      return {
        error: 'rate_limited',
        description: 'Too many requests',
        issue: 'throttled',
        gateway: true,
      }
    case 'payload_too_large':
      return {
        error: 'payload_too_large',
        description: 'Request entity too large',
        issue: 'too-costly',
        gateway: true,
      }
    case 'upstream_failed':
      return { error: 'bad_gateway', description: 'Bad gateway', issue: 'transient', gateway: true }
    case 'upstream_timeout':
      return {
        error: 'gateway_timeout',
        description: 'Gateway timeout',
        issue: 'timeout',
        gateway: true,
      }
    case 'unavailable':
      return {
        error: 'temporarily_unavailable',
        description: 'Service unavailable',
        issue: 'transient',
        gateway: true,
      }
    case 'internal':
      return {
        error: 'server_error',
        description: 'Internal server error',
        issue: 'exception',
        gateway: true,
      }
    default: {
      const unhandled: never = code
      throw new Error(`unrendered error code ${String(unhandled)}`)
    }
  }
}

function surfaceOf(path: string): Surface {
  if (path.endsWith(TOKEN_PATH)) return 'token'
  if (path.includes('/fhir/')) return 'fhir'
  if (/\/(endpoint|query)\/?$/.test(path)) return 'data-model'
  return 'gateway'
}

export function renderRedoxError(error: StandinError, c: StandinContext): Response {
  const wire = wireOf(error.code)
  const status = error.status as 400
  const surface = surfaceOf(c.req.path)
  if (surface === 'token') {
    const oauthError =
      error.providerCode ?? (error.code === 'invalid_credentials' ? 'invalid_client' : wire.error)
    const description = error.wireMessage ?? (error.code === 'internal' ? '' : wire.description)
    return c.json(
      { error: oauthError, error_description: description, error_uri: TOKEN_ERROR_URI },
      status,
    )
  }
  if (wire.gateway || surface === 'gateway') {
    if (error.status === 401 && surface !== 'gateway')
      c.header('WWW-Authenticate', 'Bearer error="invalid_token"')
    const description = error.wireMessage ?? (wire.gateway ? wire.description : error.message)
    return c.json({ error: wire.error, error_description: description }, status)
  }
  const text = error.wireMessage ?? error.message
  if (surface === 'fhir') {
    c.header('Content-Type', FHIR_JSON)
    return c.body(
      JSON.stringify({
        resourceType: 'OperationOutcome',
        issue: [{ severity: 'error', code: wire.issue, diagnostics: text }],
      }),
      status,
    )
  }
  return c.json(
    { Meta: { Errors: [{ ID: errorId(text), Text: text, Type: 'request', Module: 'Send' }] } },
    status,
  )
}

/** A stable numeric ID per message (FNV-1a), so answers replay byte for byte. */
function errorId(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193)
  return hash >>> 0
}
