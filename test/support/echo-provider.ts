/**
 * A minimal provider used only to prove the skeleton: it plugs into the registry contract the way
 * the real providers do (one object, its own error envelope, its own seed schema).
 */
import { Hono } from 'hono'
import { z } from 'zod'
import { StandinError } from '../../src/core/errors.js'
import type { ProviderId } from '../../src/core/glossary.js'
import type { CredentialView } from '../../src/core/credentials.js'
import type {
  Provider,
  ProviderContext,
  StandinContext,
  StandinEnv,
} from '../../src/providers/provider.js'

const SeedSchema = z
  .object({
    greeting: z.string().default('hello'),
    ttlSeconds: z.number().int().positive().default(60),
  })
  .strict()
type Seed = z.output<typeof SeedSchema>
interface EchoState {
  greeting: string
  ttlSeconds: number
}

export const ECHO_ID = 'echo' as ProviderId

/** The local credential check, shared by the data route and the proxy hook. */
function checkBearer(c: StandinContext, ctx: ProviderContext<EchoState>): CredentialView {
  const secret = (c.req.header('authorization') ?? '').replace(/^Bearer /, '')
  const lookup = ctx.world.credentials.lookup(ECHO_ID, secret)
  if (!lookup.found)
    throw new StandinError('invalid_credentials', 'unknown token', { detail: 'no such token' })
  if (lookup.status !== 'active') {
    throw new StandinError(
      lookup.status === 'expired' ? 'token_expired' : 'token_revoked',
      lookup.status,
      {
        detail: `token ${lookup.status}`,
      },
    )
  }
  c.set('credentialId', lookup.credential.id)
  return lookup.credential
}

export const echoProvider: Provider<EchoState, Seed> = {
  id: ECHO_ID,
  title: 'Echo',
  mounts: ['/echo'],
  seedSchema: SeedSchema,
  createState: (seed) => ({
    greeting: seed?.greeting ?? 'hello',
    ttlSeconds: seed?.ttlSeconds ?? 60,
  }),
  routes(ctx) {
    const app = new Hono<StandinEnv>()
    app.post('/token', async (c) => {
      const form = await c.req.parseBody()
      const subject = typeof form.subject === 'string' ? form.subject : ''
      if (subject === '') throw new StandinError('invalid_request', 'subject is required')
      const secret = ctx.world.random.hex(32)
      ctx.world.credentials.issue({
        provider: ECHO_ID,
        kind: 'access_token',
        subject,
        secret,
        ttlSeconds: ctx.state().ttlSeconds,
      })
      return c.json({ token: secret, expires_in: ctx.state().ttlSeconds })
    })
    app.get('/data', (c) => {
      const credential = checkBearer(c, ctx)
      return c.json({ greeting: ctx.state().greeting, subject: credential.subject })
    })
    return app
  },
  authenticate: (c, ctx) => {
    checkBearer(c, ctx)
    return Promise.resolve()
  },
  renderError: (error, c) =>
    c.json({ fault: error.code, message: error.message }, error.status as 400),
  snapshot: (state) => ({ greeting: state.greeting }),
}
