/**
 * Redox's scenario actions: what a developer does on the dashboard's API key page, scripted
 * (`do: {action: redox.rotateKey, clientId: ..., publicKey: {fixture: ...}}`).
 */
import { z } from 'zod'
import { defineAction } from '../../action.js'
import type { ProviderContext } from '../../provider.js'
import { addPublicKey, deleteApiKey, findApiKeyOrFail, removePublicKey } from '../state/api-keys.js'
import { publicPart, readKeyFixture } from '../state/public-keys.js'
import type { KidJwk } from '../state/api-keys.js'
import type { RedoxState } from '../state/model.js'

const RotateSchema = z
  .object({
    clientId: z.string().min(1),
    publicKey: z
      .union([
        z.object({ fixture: z.string().min(1) }).strict(),
        z.looseObject({ kid: z.string() }),
      ])
      .describe('The new public key: a JWK with kid, or { fixture: path } of one under fixtures/.'),
  })
  .strict()

export const redoxActions = {
  rotateKey: defineAction({
    description:
      'Replaces every public key of an API key with a new one; assertions signed with an old key are refused.',
    schema: RotateSchema,
    async run(ctx: ProviderContext<RedoxState>, { clientId, publicKey }) {
      const jwk: KidJwk =
        'fixture' in publicKey && typeof publicKey.fixture === 'string'
          ? (readKeyFixture(
              ctx.world.fixtures.readText(publicKey.fixture),
              publicKey.fixture,
            )[0] as KidJwk)
          : publicPart(publicKey as KidJwk)
      const old = [...findApiKeyOrFail(ctx.state(), clientId).keys.keys()].filter(
        (kid) => kid !== jwk.kid,
      )
      if (!findApiKeyOrFail(ctx.state(), clientId).keys.has(jwk.kid))
        await addPublicKey(ctx.state(), clientId, jwk)
      for (const kid of old) removePublicKey(ctx.state(), clientId, kid)
      return `rotated ${clientId} to kid ${jwk.kid}`
    },
  }),
  deleteApiKey: defineAction({
    description: 'Deletes an API key; its live tokens stop working.',
    schema: z.object({ clientId: z.string().min(1) }).strict(),
    run(ctx: ProviderContext<RedoxState>, { clientId }) {
      const n = deleteApiKey(ctx.state(), clientId, ctx.world.credentials)
      return `deleted API key ${clientId} (${String(n)} live token(s) revoked)`
    },
  }),
}
