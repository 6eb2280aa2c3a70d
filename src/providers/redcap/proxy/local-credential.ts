/**
 * The local credential check for proxy, record and replay modes: the `token` posted to
 * standin must be one of standin's own live tokens (so QA's expire, revoke, regenerate and delete
 * levers still apply) before the real token is swapped in.
 */
import { StandinError } from '../../../core/errors.js'
import type { ProviderContext, StandinContext } from '../../provider.js'
import { authenticateProject, authenticateSuper } from '../routes/auth.js'
import type { RedcapState } from '../state/model.js'
import { postedParams } from '../routes/posted-params.js'

export async function authenticateLocalToken(
  c: StandinContext,
  ctx: ProviderContext<RedcapState>,
): Promise<void> {
  // The route's own parameters (as PHP fills $_POST), read once for the renderer too.
  const token = (await postedParams(c)).str('token')?.trim()
  const deps = { clock: ctx.world.clock, credentials: ctx.world.credentials }
  const principal =
    token?.length === 64
      ? authenticateSuper(ctx.state(), deps, token)
      : authenticateProject(ctx.state(), deps, token)
  if (principal instanceof StandinError) throw principal
  c.set('credentialId', principal.credentialId)
}
