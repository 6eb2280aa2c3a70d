/**
 * The local credential check for proxy, record and replay modes: the `token` posted to
 * standin must be one of standin's own live tokens (so QA's expire, revoke, regenerate and delete
 * levers still apply) before the real token is swapped in.
 */
import type { ProviderContext, StandinContext } from '../../provider.js'
import { authenticateProject, authenticateSuper } from '../routes/auth.js'
import type { RedcapState } from '../state/model.js'
import { readParams } from '../wire/read-params.js'

export async function authenticateLocalToken(
  c: StandinContext,
  ctx: ProviderContext<RedcapState>,
): Promise<void> {
  // The route's own reader (as PHP fills $_POST), not hono's parseBody, which builds a FormData.
  const token = (await readParams(c)).str('token')?.trim()
  const deps = { clock: ctx.world.clock, credentials: ctx.world.credentials }
  const principal =
    token?.length === 64
      ? authenticateSuper(ctx.state(), deps, token)
      : authenticateProject(ctx.state(), deps, token)
  c.set('credentialId', principal.credentialId)
}
