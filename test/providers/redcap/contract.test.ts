import { runProviderContract } from '../../contract/provider.case.js'
import type { TestStandin } from '../../../src/testing/index.js'
import { api, control } from './support.js'

const NO_PERMISSION = { error: 'You do not have permissions to use the API' }

/** Bob's pending request on the classic project, approved by an administrator. */
async function obtain(t: TestStandin): Promise<string> {
  const requests = (await control(t, 'GET', '/token-requests')).body as {
    requests: { id: string; username: string; status: string }[]
  }
  const pending = requests.requests.find((r) => r.username === 'bob' && r.status === 'pending')
  if (!pending) throw new Error('the default scenario has no pending request for bob')
  return (
    (await control(t, 'POST', `/token-requests/${pending.id}/approve`)).body as { token: string }
  ).token
}

runProviderContract({
  provider: 'redcap',
  options: { scenario: 'default' },
  obtain,
  call: (t, token) => api(t, { token, content: 'version', format: 'json' }),
  revoked: { status: 403, body: NO_PERMISSION },
  unknownCredential: 'BAD00000000000000000000000000000',
  unknown: { status: 403, body: NO_PERMISSION },
  unknownRoute: {
    path: '/redcap/apiFFFF/',
    init: { method: 'POST' },
    expected: {
      status: 404,
      body: '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n',
    },
  },
  skip: {
    expiry:
      'REDCap API tokens never expire; they die only when regenerated, deleted or revoked (protocol notes §4.1).',
  },
})
