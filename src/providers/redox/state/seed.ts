/**
 * The `providers.redox` section of a scenario: API keys (public keys inline, by fixture path or as a
 * JWKS URL), legacy keys, and every behaviour Redox leaves undocumented, so users can match what
 * their account really does. Also the control plane's payloads, which share these shapes.
 */
import { z } from 'zod'
import { EnvironmentSchema, RegionSchema } from '../region.js'

/** Members that only a private (or secret) JWK has. */
export const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const

// Schemas here are built on first use (`z.lazy`): a start checks no scenario with them, as the
// bin carries its shipped scenarios checked (src/scenarios/parsed-ahead.ts).
/** A public JWK; Redox's Platform API requires `kid` and `kty` on each. */
export const PublicJwkSchema = z.lazy(() =>
  z
    .looseObject({
      kty: z.string().min(1),
      kid: z.string().min(1).describe('Key id; clients put it in the assertion header.'),
    })
    .refine((jwk) => PRIVATE_JWK_MEMBERS.every((m) => !(m in jwk)), {
      message: 'is a private key: give the public JWK only (no "d", "p", "q", ... members)',
    }),
)

export const AlgorithmSchema = z.lazy(() =>
  z.enum(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512']),
)
export type Algorithm = z.output<typeof AlgorithmSchema>

/** RS384 is what Redox's docs and generated keys use; ES384 appears on its Source Auth v2 page. */
export const DEFAULT_ALGORITHMS: readonly Algorithm[] = ['RS384', 'ES384']

const PublicKeySeedSchema = z.lazy(() =>
  z.union([
    PublicJwkSchema,
    z
      .object({
        fixture: z
          .string()
          .min(1)
          .describe(
            'A file under fixtures/ holding a public JWK or a JWKS, e.g. redox/keys/demo-public.jwk.json.',
          ),
      })
      .strict(),
  ]),
)

export const ApiKeySeedSchema = z.lazy(() =>
  z
    .object({
      clientId: z.string().min(1).describe('The OAuth client ID: the assertion `iss` and `sub`.'),
      name: z.string().min(1).default('API key'),
      region: RegionSchema.default('us').describe(
        'us (api.redoxengine.com) or ca (api.ca.redoxengine.com).',
      ),
      environment: EnvironmentSchema.default('Development'),
      publicKeys: z
        .array(PublicKeySeedSchema)
        .default([])
        .describe('Public JWKs, inline or { fixture }.'),
      jwksUrl: z
        .url()
        .optional()
        .describe('A JWKS URL standin fetches; when set, publicKeys are ignored (as at Redox).'),
      algorithms: z
        .array(AlgorithmSchema)
        .min(1)
        .default([...DEFAULT_ALGORITHMS])
        .describe('Assertion algorithms this key accepts.'),
    })
    .strict()
    .refine((key) => key.publicKeys.length > 0 || key.jwksUrl !== undefined, {
      message: 'needs publicKeys or a jwksUrl',
    }),
)
export type ApiKeySeed = z.output<typeof ApiKeySeedSchema>

export const LegacyKeySeedSchema = z.lazy(() =>
  z
    .object({
      apiKey: z.string().min(1),
      secret: z.string().min(1),
      name: z.string().min(1).default('Legacy API key'),
      region: RegionSchema.default('us'),
      environment: EnvironmentSchema.default('Development'),
    })
    .strict(),
)
export type LegacyKeySeed = z.output<typeof LegacyKeySeedSchema>

const RateLimitSchema = z.lazy(() =>
  z
    .object({
      requests: z.number().int().positive().default(7500),
      windowSeconds: z.number().int().positive().default(300),
    })
    .strict(),
)

export const RedoxSeedSchema = z.lazy(() =>
  z
    .object({
      apiKeys: z.array(ApiKeySeedSchema).default([]),
      legacyKeys: z
        .array(LegacyKeySeedSchema)
        .default([])
        .describe('Deprecated apiKey + secret pairs (Data Model API only).'),
      accessTokenSeconds: z
        .number()
        .int()
        .positive()
        .default(300)
        .describe('OAuth access-token lifetime (Redox: 5 minutes).'),
      legacyTokenSeconds: z
        .number()
        .int()
        .positive()
        .default(86_400)
        .describe('Legacy access-token lifetime (Redox: 24 hours).'),
      rejectReplayedJti: z
        .boolean()
        .default(true)
        .describe(
          'Refuse an assertion whose (iss, jti) was already used while it could still be valid.',
        ),
      assertionErrors: z
        .enum(['invalid_request', 'invalid_client'])
        .default('invalid_request')
        .describe(
          'How a bad assertion is answered: 400 invalid_request (Redox docs example) or 401 invalid_client (RFC 6749).',
        ),
      verboseErrors: z
        .boolean()
        .default(false)
        .describe(
          'Fill the blank error_description Redox sends with the reason (not faithful, but helpful).',
        ),
      rateLimit: z
        .union([z.literal(false), RateLimitSchema])
        .prefault({})
        .describe(
          'Requests per key per window on the data APIs (Redox: 7,500 per 5 minutes); false disables.',
        ),
      jwks: z
        .object({
          timeoutMs: z
            .number()
            .int()
            .positive()
            .default(5000)
            .describe('How long a JWKS URL may take to answer.'),
          cacheSeconds: z
            .number()
            .int()
            .nonnegative()
            .default(300)
            .describe('How long a fetched JWKS is trusted (virtual time).'),
        })
        .strict()
        .prefault({}),
      fhir: z
        .object({
          fixtures: z
            .string()
            .min(1)
            .default('redox/fhir')
            .describe('Folder under fixtures/ of FHIR resources or Bundles.'),
          destinations: z
            .array(z.string().min(1))
            .min(1)
            .default(['redox-fhir-sandbox'])
            .describe('Destination slugs the FHIR API answers for.'),
        })
        .strict()
        .prefault({}),
    })
    .strict(),
)
export type RedoxSeed = z.output<typeof RedoxSeedSchema>
export type RedoxSettings = Omit<RedoxSeed, 'apiKeys' | 'legacyKeys'>

/** A JWKS, a list of JWKs or one JWK, as a list (so errors name `jwks[0].kid`). */
function asJwkList(value: unknown): unknown {
  if (value === undefined || Array.isArray(value)) return value
  if (typeof value === 'object' && value !== null && 'keys' in value) return value.keys
  return [value]
}

/** `POST /_standin/redox/api-keys`. */
export const CreateApiKeySchema = z.lazy(() =>
  z
    .object({
      name: z.string().min(1),
      clientId: z.string().min(1).optional(),
      region: RegionSchema.default('us'),
      environment: EnvironmentSchema.default('Development'),
      jwks: z
        .preprocess(asJwkList, z.array(PublicJwkSchema).min(1))
        .optional()
        .describe('A JWKS `{keys: [...]}`, a list of JWKs or one JWK; public keys only.'),
      jwksUrl: z.url().optional(),
      algorithms: z
        .array(AlgorithmSchema)
        .min(1)
        .default([...DEFAULT_ALGORITHMS]),
    })
    .strict(),
)
export type CreateApiKey = z.output<typeof CreateApiKeySchema>

/** `POST /_standin/redox/api-keys/{clientId}/keys`: add a public key, or `{}` to generate one. */
export const AddKeySchema = z.lazy(() => z.object({ jwk: PublicJwkSchema.optional() }).strict())
