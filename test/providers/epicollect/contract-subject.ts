import type { ContractSubject } from '../../contract/provider.case.js'
import {
  ACCESS_DENIED,
  bearer,
  BIRDS,
  MAINTENANCE,
  PAGE_NOT_FOUND,
  scenario,
  SERVER_ERROR,
  token,
  TOO_MANY,
} from './support.js'

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
  // Epicollect5 hides token problems behind 404 ec5_256; its own 503 is maintenance mode.
  forced: {
    expired: { status: 404, body: ACCESS_DENIED },
    revoked: { status: 404, body: ACCESS_DENIED },
    'rate-limited': { status: 429, body: TOO_MANY },
    'server-error': { status: 500, body: SERVER_ERROR },
    'bad-gateway': { status: 502, body: SERVER_ERROR },
    unavailable: { status: 503, body: MAINTENANCE },
    'gateway-timeout': { status: 504, body: SERVER_ERROR },
  },
}
