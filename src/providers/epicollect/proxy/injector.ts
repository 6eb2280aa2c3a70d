/**
 * Epicollect5: standin runs the `client_credentials` grant against the upstream's
 * `POST /api/oauth/token` itself (protocols/epicollect.md §2), keeps the 2-hour token until shortly
 * before it expires, and sends it as `Authorization: Bearer`. Every auth failure on the export routes
 * is 404 `ec5_256` (a superseded token too: a new token kills the client's previous one), so that
 * answer drops the cached token and the request is retried once with a new one.
 */
import { joinUrl } from '../../../proxy/transport.js'
import { once, type InjectorDefinition } from '../../../proxy/inject/injector.js'
import { bearerHeader } from '../../../proxy/inject/place.js'
import { TokenCache } from '../../../proxy/inject/token-cache.js'
import { requestAccessToken } from '../../../proxy/inject/oauth-client.js'

/** `passport.expire = 7200` (protocols/epicollect.md §2, "Success: 200"). */
const TOKEN_LIFETIME_SECONDS = 7200
const TOKEN_PATH = '/api/oauth/token'

export const epicollectInjector: InjectorDefinition = {
  provider: 'epicollect',
  localPaths: [TOKEN_PATH],
  place: bearerHeader,
  fields: ['clientId', 'clientSecret'],
  staleWhen: { status: 404, bodyIncludes: '"ec5_256"' },
  create(deps) {
    const tokenUrl = joinUrl(deps.upstream.url, TOKEN_PATH)
    const client = once(() => ({
      client_id: deps.secret('clientId'),
      client_secret: deps.secret('clientSecret'),
    }))
    const cache = new TokenCache(
      deps.clock,
      () =>
        requestAccessToken(
          deps,
          tokenUrl,
          { grant_type: 'client_credentials', ...client() },
          TOKEN_LIFETIME_SECONDS,
        ),
      (lifetime) => Math.max(60, lifetime / 10),
    )
    return cache
  },
}
