import { runProviderContract } from '../../contract/provider.case.js'
import { ACCESS_DENIED, bearer, BIRDS, PAGE_NOT_FOUND, scenario, token } from './support.js'

runProviderContract({
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
})
