import { runProviderContract } from '../../contract/provider.case.js'
import { FHIR, PATIENT_ID, bearer, obtainToken, options } from './support.js'

const AUTHENTICATION_FAILED = {
  status: 401,
  body: { error: 'invalid_token', error_description: 'Authentication failed' },
}

runProviderContract({
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
})
