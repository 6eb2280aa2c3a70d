/**
 * The local credential check for proxy, record and replay modes: a data call must carry one of
 * standin's own live Bearer tokens of this host's region, so QA's expiry and revocation still
 * apply before standin swaps in the token it got from the real Redox. Token requests themselves
 * carry no Bearer token and pass.
 */
import type { ProviderContext, StandinContext } from '../../provider.js'
import { authorizeBearer } from '../routes/bearer.js'
import { regionOfMount } from '../region.js'
import type { RedoxState } from '../state/model.js'

const TOKEN_ROUTES = ['/v2/auth/token', '/auth/authenticate', '/auth/refreshToken']

export function authenticateLocalToken(
  c: StandinContext,
  ctx: ProviderContext<RedoxState>,
  mount: string,
): Promise<void> {
  const path = c.req.path.slice(c.req.path.indexOf(mount) + mount.length)
  if (TOKEN_ROUTES.includes(path)) return Promise.resolve()
  const token = authorizeBearer(c.req.header('authorization'), {
    state: ctx.state(),
    credentials: ctx.world.credentials,
    region: regionOfMount(mount),
    api: path.startsWith('/fhir/') ? 'fhir' : 'data-model',
    nowMs: ctx.world.clock.epochMs(),
    rateLimits: ctx.world.config.rateLimits,
  })
  c.set('credentialId', token.id)
  return Promise.resolve()
}
