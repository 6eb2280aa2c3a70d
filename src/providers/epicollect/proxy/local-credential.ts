/**
 * The local credential check for proxy, record and replay modes: an export of a private project
 * needs one of standin's own live tokens for that project's app (ec5_256 / ec5_257 otherwise),
 * exactly as in mock mode; the token endpoint and project search carry no bearer token.
 */
import type { ProviderContext, StandinContext } from '../../provider.js'
import { checkAccess } from '../routes/project-access.js'
import type { EpicollectState } from '../state/model.js'

const EXPORT = /^\/api\/export\/(?:entries|project|media)\/([^/]+)/

export async function authenticateLocalToken(
  c: StandinContext,
  ctx: ProviderContext<EpicollectState>,
  mount: string,
): Promise<void> {
  const path = c.req.path.slice(c.req.path.indexOf(mount) + mount.length)
  const slug = EXPORT.exec(path)?.[1]
  if (slug === undefined) return
  const granted = await checkAccess(
    ctx.state(),
    {
      credentials: ctx.world.credentials,
      nowMs: ctx.world.clock.epochMs(),
    },
    decodeURIComponent(slug),
    c.req.header('authorization'),
  )
  if (granted.credentialId !== undefined) c.set('credentialId', granted.credentialId)
}
