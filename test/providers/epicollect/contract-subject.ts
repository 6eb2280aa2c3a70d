import type { ContractSubject } from '../../contract/provider.case.js'
import {
  ACCESS_DENIED,
  bearer,
  BIRDS,
  PAGE_NOT_FOUND,
  problem,
  scenario,
  token,
} from './support.js'

const SERVER_ERROR = problem(
  'ec5_116',
  'Server error, please try again later. If the problem persists, please contact support.',
  'api',
)

/** The epicollect provider as a contract subject, for the contract suite on each transport. */
export const epicollectSubject: ContractSubject = {
  provider: 'epicollect',
  options: scenario(),
  obtain: (t) => token(t),
  call: (t, credential) =>
    t.request(`/epicollect/api/export/entries/ec5-river-watch?per_page=1`, bearer(credential)),
  lifetimeSeconds: 7200,
  expired: { status: 404, body: ACCESS_DENIED },
  revoked: { status: 404, body: ACCESS_DENIED },
  unknownCredential: 'not-a-jwt',
  unknown: { status: 404, body: ACCESS_DENIED },
  unknownRoute: {
    path: `/epicollect/api/export/everything/${BIRDS}`,
    expected: { status: 422, body: PAGE_NOT_FOUND },
  },
  // docs/protocols/epicollect.md §9: dead tokens are 404 ec5_256 and a 429 is ec5_255; the server never sends
  // 5xx on these routes, so they use the closest ec5 codes (Known deviations in the provider).
  forced: {
    expired: { status: 404, body: ACCESS_DENIED },
    revoked: { status: 404, body: ACCESS_DENIED },
    'rate-limited': {
      status: 429,
      body: problem('ec5_255', 'Too many requests. Try again later.', 'rate-limiter'),
    },
    'server-error': { status: 500, body: SERVER_ERROR },
    'bad-gateway': { status: 502, body: SERVER_ERROR },
    unavailable: {
      status: 503,
      body: problem(
        'ec5_252',
        'The website is currently undergoing maintenance. Please try again later.',
        'maintenance.mode',
      ),
    },
    'gateway-timeout': { status: 504, body: SERVER_ERROR },
  },
}
