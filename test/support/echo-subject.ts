/**
 * The echo provider as a contract subject, for the contract suite on each transport.
 */
import type { ContractSubject } from '../contract/provider.case.js'
import type { TestStandin } from '../../src/testing/index.js'
import { ECHO_FORCED, echoProvider } from './echo-provider.js'

async function obtain(t: TestStandin): Promise<string> {
  const response = await t.request('/echo/token', {
    method: 'POST',
    body: new URLSearchParams({ subject: 'ana' }),
  })
  return ((await response.json()) as { token: string }).token
}

export const echoSubject: ContractSubject = {
  provider: echoProvider.id,
  options: { providers: [echoProvider], scenario: { providers: { echo: { ttlSeconds: 120 } } } },
  obtain,
  call: (t, credential) =>
    t.request('/echo/data', { headers: { authorization: `Bearer ${credential}` } }),
  lifetimeSeconds: 120,
  expired: { status: 401, body: { fault: 'token_expired', message: 'expired' } },
  revoked: { status: 401, body: { fault: 'token_revoked', message: 'revoked' } },
  unknownCredential: 'nope',
  unknown: { status: 401, body: { fault: 'invalid_credentials', message: 'unknown token' } },
  forced: ECHO_FORCED,
  unknownRoute: {
    path: '/echo/nowhere',
    expected: { status: 404, body: { fault: 'not_found', message: 'Not found' } },
  },
}
