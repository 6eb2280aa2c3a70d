/**
 * A minimal provider used only to prove the skeleton: it plugs into the registry contract the way
 * the real providers do (one object, its own error envelope, its own seed schema).
 */
import { Hono } from 'hono'
import { z } from 'zod'
import { StandinError } from '../../src/core/errors.js'
import type { ProviderId } from '../../src/core/glossary.js'
import { defineAction } from '../../src/providers/action.js'
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
function checkBearer(
  c: StandinContext,
  ctx: ProviderContext<EchoState>,
  id: ProviderId,
): CredentialView {
  const secret = (c.req.header('authorization') ?? '').replace(/^Bearer /, '')
  const lookup = ctx.world.credentials.lookup(id, secret)
  if (!lookup.found)
    throw new StandinError('invalid_credentials', 'unknown token', { detail: 'no such token' })
  if (lookup.status !== 'active') {
    throw new StandinError(
      lookup.status === 'expired' ? 'token_expired' : 'token_revoked',
      lookup.status,
      { detail: `token ${lookup.status}` },
    )
  }
  c.set('credentialId', lookup.credential.id)
  return lookup.credential
}

/** A second echo under another id and mount, for levers that pick a provider. */
export const otherEchoProvider = createEchoProvider('other', '/other')

export const echoProvider = createEchoProvider(ECHO_ID, '/echo')

export function createEchoProvider(id: ProviderId, mount: string): Provider<EchoState, Seed> {
  return {
    id,
    title: id === ECHO_ID ? 'Echo' : `Echo (${id})`,
    mounts: [mount],
    seedSchema: SeedSchema,
    actions: {
      setGreeting: defineAction({
        description: 'Changes the greeting that /data answers with.',
        schema: z.object({ greeting: z.string().min(1) }).strict(),
        run(ctx: ProviderContext<EchoState>, { greeting }) {
          ctx.state().greeting = greeting
          return `greeting is now "${greeting}"`
        },
      }),
      closeAccount: defineAction({
        description: 'Revokes every token of a subject; fails when the subject holds none.',
        schema: z.object({ subject: z.string().min(1) }).strict(),
        async run(ctx: ProviderContext<EchoState>, { subject }) {
          await Promise.resolve()
          const n = ctx.world.credentials.revokeWhere(
            (c) => c.provider === id && c.subject === subject,
            'account closed',
          )
          if (n === 0) throw new StandinError('not_found', `no account "${subject}"`)
          return `closed the account of ${subject}`
        },
      }),
    },
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
          provider: id,
          kind: 'access_token',
          subject,
          secret,
          ttlSeconds: ctx.state().ttlSeconds,
        })
        return c.json({ token: secret, expires_in: ctx.state().ttlSeconds })
      })
      app.get('/data', (c) => {
        const credential = checkBearer(c, ctx, id)
        return c.json({ greeting: ctx.state().greeting, subject: credential.subject })
      })
      return app
    },
    authenticate: (c, ctx) => {
      checkBearer(c, ctx, id)
      return Promise.resolve()
    },
    renderError: (error, c) =>
      c.json({ fault: error.code, message: error.message }, error.status as 400),
    snapshot: (state) => ({ greeting: state.greeting }),
  }
}

/** What echo answers for each forced outcome: its own envelope, the StandinError's message. */
export const ECHO_FORCED = {
  expired: { status: 401, body: { fault: 'token_expired', message: 'Token expired' } },
  revoked: { status: 401, body: { fault: 'token_revoked', message: 'Token revoked' } },
  'rate-limited': { status: 429, body: { fault: 'rate_limited', message: 'Too many requests' } },
  'server-error': { status: 500, body: { fault: 'internal', message: 'Internal error' } },
  'bad-gateway': { status: 502, body: { fault: 'upstream_failed', message: 'Bad gateway' } },
  unavailable: { status: 503, body: { fault: 'unavailable', message: 'Service unavailable' } },
  'gateway-timeout': {
    status: 504,
    body: { fault: 'upstream_timeout', message: 'Gateway timeout' },
  },
} as const
