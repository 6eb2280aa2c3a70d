import type { ContractSubject } from '../../contract/provider.case.js'
import type { TestStandin } from '../../../src/testing/index.js'
import { api, control } from './support.js'

const NO_PERMISSION = { error: 'You do not have permissions to use the API' }

/** The stock page of the Apache server in front of REDCap, for what REDCap itself never answers. */
function apachePage(status: number, title: string, paragraph: string) {
  return {
    status,
    body: `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>${String(status)} ${title}</title>\n</head><body>\n<h1>${title}</h1>\n<p>${paragraph}</p>\n</body></html>\n`,
  }
}

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

/** The redcap provider as a contract subject, for the contract suite on each transport. */
export const redcapSubject: ContractSubject = {
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
    expected: apachePage(404, 'Not Found', 'The requested URL was not found on this server.'),
  },
  // docs/protocols/redcap.md §3: dead tokens are REDCap's 403 and a failure its 500, both in the posted
  // format (json here); the IP ban is plain text (§4.5); 502-504 come from the web server.
  forced: {
    expired: { status: 403, body: NO_PERMISSION },
    revoked: { status: 403, body: NO_PERMISSION },
    'rate-limited': {
      status: 429,
      body: 'Your IP address (127.0.0.1) has been banned due to suspected abuse.',
    },
    'server-error': {
      status: 500,
      body: { error: 'The server encountered an error processing your request.' },
    },
    'bad-gateway': apachePage(
      502,
      'Proxy Error',
      'The proxy server received an invalid response from an upstream server.',
    ),
    unavailable: apachePage(
      503,
      'Service Unavailable',
      'The server is temporarily unable to service your request due to maintenance downtime or capacity problems. Please try again later.',
    ),
    'gateway-timeout': apachePage(
      504,
      'Gateway Timeout',
      'The gateway did not receive a timely response from the upstream server or application.',
    ),
  },
  // No lifetimeSeconds: REDCap API tokens never expire; they die only when regenerated, deleted or
  // revoked (docs/protocols/redcap.md §4.1).
}
