/**
 * What the control plane answers, as zod schemas: the one source for the OpenAPI document
 * (`openapi.ts`) and the typed client's types (`src/testing/control-types.ts`). The request
 * payloads are the schemas the routes themselves parse with, imported where they live.
 */
import { z } from 'zod'
import { OUTCOMES } from '../../core/glossary.js'
import { SHIPPED_PROVIDER_IDS } from '../../providers/index.js'

const PROVIDER_IDS = SHIPPED_PROVIDER_IDS as [string, ...string[]]

const iso = z.string().describe('An instant, ISO 8601.')
const providerOrStandin = z.enum([...PROVIDER_IDS, 'standin'])
const strings = z.record(z.string(), z.string())
const params = z.record(z.string(), z.union([z.string(), z.array(z.string())]))

export const clockSnapshotSchema = z.object({ now: iso, frozen: z.boolean() })

export const healthSchema = z.object({ status: z.literal('ok'), version: z.string() })

export const resetResultSchema = z.object({
  status: z.literal('reset'),
  clock: clockSnapshotSchema,
})

export const scenarioLoadedSchema = z.object({
  status: z.literal('loaded'),
  name: z.string().nullable(),
  clock: clockSnapshotSchema,
})

export const scriptedEventStatusSchema = z.object({
  index: z.number().int(),
  name: z.string(),
  trigger: z.string(),
  dueAt: iso.nullable(),
  seen: z
    .number()
    .int()
    .nullable()
    .describe('Matching requests counted so far (request triggers).'),
  firedAt: iso.nullable(),
  results: z.array(z.string()),
  errors: z.array(z.string()),
})

export const scenarioViewSchema = z.object({
  name: z.string().nullable(),
  description: z.string().nullable(),
  events: z.array(scriptedEventStatusSchema),
})

export const scenarioListSchema = z.object({ scenarios: z.array(z.string()) })

export const stateSchema = z.object({
  clock: clockSnapshotSchema,
  scenario: z.string().nullable(),
  providers: z.record(z.string(), z.unknown()).describe("Each provider's state, by provider id."),
})

export const bodyPreviewSchema = z.object({
  contentType: z.string().optional(),
  size: z.number().int().describe('The whole body, in bytes.'),
  text: z.string().optional().describe('The first `journalPreviewBytes` characters, redacted.'),
  truncated: z.boolean(),
  form: params.optional().describe('Urlencoded or multipart fields, redacted.'),
  omitted: z
    .string()
    .optional()
    .describe('Why there is no text: binary, multipart, streamed, not kept.'),
})

export const journalEntrySchema = z.object({
  id: z.number().int(),
  at: iso.describe('Virtual time of the request.'),
  provider: providerOrStandin,
  method: z.string(),
  path: z.string(),
  status: z.number().int(),
  outcome: z.enum(OUTCOMES),
  why: z.string().optional(),
  credentialId: z.string().optional(),
  durationMs: z.number(),
  request: z.object({ query: params, headers: strings, body: bodyPreviewSchema.optional() }),
  response: z.object({ headers: strings, body: bodyPreviewSchema.optional() }),
})

export const journalSchema = z.object({
  total: z.number().int().describe('Requests journaled since start, kept or not.'),
  requests: z.array(journalEntrySchema),
})

export const countSchema = z.object({ count: z.number().int() })

export const differenceSchema = z.object({
  part: z.string().describe('`method`, `path`, `form.content`, `json.Meta.DataModel`, ...'),
  expected: z.unknown(),
  actual: z.unknown(),
})

export const findResultSchema = z.object({
  requests: z.array(journalEntrySchema),
  nearMisses: z.array(
    z.object({ entry: journalEntrySchema, differences: z.array(differenceSchema) }),
  ),
})

export const credentialViewSchema = z.object({
  id: z.string(),
  provider: z.enum(PROVIDER_IDS),
  kind: z.string(),
  subject: z.string(),
  secretPrefix: z.string().describe('The first characters of the secret, to recognise it by.'),
  attributes: strings,
  issuedAt: iso,
  expiresAt: iso.nullable(),
  revokedAt: iso.nullable(),
  revokedReason: z.string().nullable(),
  status: z.enum(['active', 'expired', 'revoked']),
})

/** One page of credentials; `next` is the cursor of the following page, null on the last. */
export const tokenListSchema = z.object({
  tokens: z.array(credentialViewSchema),
  next: z.string().nullable(),
})

export const sessionViewSchema = z.object({
  id: z.string(),
  baseUrl: z.string(),
  scenario: z.string().nullable(),
  createdAt: iso,
  lastUsedAt: iso,
  expiresAt: iso,
})

export const sessionCreatedSchema = z.object({ id: z.string(), baseUrl: z.string() })
export const sessionListSchema = z.object({ sessions: z.array(sessionViewSchema) })

export const routeTableSchema = z.object({
  routes: z.array(z.object({ provider: z.string(), path: z.string(), mode: z.string() })),
  upstreams: z.array(
    z.object({
      key: z.string(),
      provider: z.string(),
      mount: z.string(),
      url: z.string(),
      timeoutMs: z.number(),
      credentials: strings.describe('Credential references by field, named, never read.'),
    }),
  ),
})

export const clearedSchema = z.object({ cleared: z.number().int() })

export const redcapTokenRequestSchema = z.object({
  id: z.union([z.string(), z.number()]),
  status: z.string(),
  token: z.string().optional().describe('Present when the scenario auto-approves requests.'),
})

export const redcapTokenRequestListSchema = z.object({
  requests: z.array(z.looseObject({ id: z.union([z.string(), z.number()]), status: z.string() })),
})

export const issuedTokenSchema = z.object({ token: z.string() })
export const deletedStatusSchema = z.object({ status: z.literal('deleted') })

export const epicollectAppSchema = z.object({
  client_id: z.number().int(),
  client_secret: z.string(),
  name: z.string(),
  project: z.string(),
  created_at: iso,
})

export const epicollectAppListSchema = z.object({ apps: z.array(epicollectAppSchema) })

export const epicollectProjectListSchema = z.object({
  projects: z.array(
    z.object({
      slug: z.string(),
      name: z.string(),
      access: z.string(),
      status: z.string(),
      client_id: z.number().int().nullable(),
    }),
  ),
})

export const epicollectRevokedSchema = z.looseObject({ client_id: z.number().int() })
export const epicollectDeletedSchema = z.looseObject({ client_id: z.number().int() })

const jwkSchema = z.looseObject({ kty: z.string() })

export const redoxApiKeyViewSchema = z.object({
  clientId: z.string(),
  name: z.string(),
  region: z.enum(['us', 'ca']),
  environment: z.string(),
  algorithms: z.array(z.string()),
  kids: z.array(z.string()),
  jwksUrl: z.string().nullable(),
})

export const redoxApiKeyListSchema = z.object({ apiKeys: z.array(redoxApiKeyViewSchema) })

export const redoxApiKeyCreatedSchema = z.looseObject({
  clientId: z.string(),
  kid: z.string().optional(),
  privateJwk: jwkSchema.optional().describe('Returned once, when standin generated the pair.'),
  postman: z.unknown().optional(),
})

export const redoxApiKeyDeletedSchema = z.object({
  clientId: z.string(),
  deleted: z.literal(true),
  revokedTokens: z.number().int(),
})

export const redoxKeyAddedSchema = z.looseObject({
  kid: z.string(),
  privateJwk: jwkSchema.optional(),
})

export const redoxKeyRemovedSchema = z.object({
  clientId: z.string(),
  kid: z.string(),
  deleted: z.literal(true),
})

export const postmanSchema = z.object({ collection: z.unknown(), environment: z.unknown() })

/** Any JSON document (the OpenAPI document itself). */
export const jsonDocumentSchema = z.record(z.string(), z.unknown())

/** `POST /_standin/drift` in JSON; `text` and `junit` formats answer as text. */
export const driftReportSchema = z.looseObject({
  scenario: z.string(),
  exchanges: z.number().int(),
  differing: z.number().int(),
  unexplained: z.number().int(),
  findings: z.array(z.unknown()),
  routes: z.array(z.object({ provider: z.string(), route: z.string(), exchanges: z.number() })),
  skipped: z.array(z.object({ file: z.string(), provider: z.string(), why: z.string() })),
})
