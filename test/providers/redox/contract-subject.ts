import type { ContractSubject } from '../../contract/provider.case.js'
import { FHIR, PATIENT_ID, bearer, obtainToken, options } from './support.js'

function gateway(status: number, error: string, description: string) {
  return { status, body: { error, error_description: description } }
}

const AUTHENTICATION_FAILED = gateway(401, 'invalid_token', 'Authentication failed')

/** The redox provider as a contract subject, for the contract suite on each transport. */
export const redoxSubject: ContractSubject = {
  provider: 'redox',
  options,
  obtain: (t) => obtainToken(t),
  call: (t, token) => t.request(`${FHIR}/Patient/${PATIENT_ID}`, bearer(token)),
  lifetimeSeconds: 300,
  expired: AUTHENTICATION_FAILED,
  revoked: AUTHENTICATION_FAILED,
  unknownCredential: 'NotAStandinToken0000000000000',
  unknown: AUTHENTICATION_FAILED,
  unknownRoute: {
    path: `${FHIR}/Patient/${PATIENT_ID}/_history/1/extra`,
    expected: {
      status: 404,
      body: {
        resourceType: 'OperationOutcome',
        issue: [{ severity: 'error', code: 'not-found', diagnostics: 'Not found' }],
      },
    },
  },
  // docs/protocols/redox.md §3.5 give only the statuses; every refusal in front of an API has the one
  // gateway body (Known deviations in the provider).
  forced: {
    expired: AUTHENTICATION_FAILED,
    revoked: AUTHENTICATION_FAILED,
    'rate-limited': gateway(429, 'rate_limited', 'Too many requests'),
    'server-error': gateway(500, 'server_error', 'Internal server error'),
    'bad-gateway': gateway(502, 'bad_gateway', 'Bad gateway'),
    unavailable: gateway(503, 'temporarily_unavailable', 'Service unavailable'),
    'gateway-timeout': gateway(504, 'gateway_timeout', 'Gateway timeout'),
  },
}
