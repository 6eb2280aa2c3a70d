import { ECHO_FORCED, echoProvider } from '../support/echo-provider.js'
import { runProviderContract } from './provider.case.js'
import type { TestStandin } from '../../src/testing/index.js'

async function obtain(t: TestStandin): Promise<string> {
  const response = await t.request('/echo/token', {
    method: 'POST',
    body: new URLSearchParams({ subject: 'ana' }),
  })
  return ((await response.json()) as { token: string }).token
}

runProviderContract({
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
})
