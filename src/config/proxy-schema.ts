/**
 * The proxy part of `standin.config.yaml|json`: route modes per provider and path pattern, the real
 * upstreams, and references to the real credentials standin swaps in. A credential is only ever a
 * reference (`{ env: NAME }` or `{ file: PATH }`), never its value, so a config file is safe to commit.
 */
import { z } from 'zod'
import type { ProviderId } from '../core/glossary.js'
import { MAX_PATH_PATTERN_LENGTH } from '../core/path-pattern.js'
import { routeRuleProblems } from '../proxy/check.js'

export const DEFAULT_UPSTREAM_TIMEOUT_MS = 30_000

/**
 * Each upstream key of the config, the provider it serves and the mount whose requests go there.
 * Redox keys belong to one region, so its US and Canada hosts are separate upstreams with their own keys.
 */
export const UPSTREAM_KEYS = {
  redcap: { provider: 'redcap', mount: '/redcap' },
  epicollect: { provider: 'epicollect', mount: '/epicollect' },
  redox: { provider: 'redox', mount: '/redox' },
  redoxCa: { provider: 'redox', mount: '/redox-ca' },
} as const satisfies Record<string, { provider: ProviderId; mount: string }>

export type UpstreamKey = keyof typeof UPSTREAM_KEYS

const REF_MESSAGE =
  'must be a reference, { env: NAME } or { file: PATH }; standin never takes a credential value'

export const CredentialRefSchema = z.union(
  [
    z
      .object({
        env: z
          .string()
          .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name')
          .describe('Name of the environment variable holding the value.'),
      })
      .strict(),
    z
      .object({
        file: z
          .string()
          .min(1)
          .describe('Path of a file holding the value (from the working dir).'),
      })
      .strict(),
  ],
  { error: (issue) => (issue.input === undefined ? 'is required' : REF_MESSAGE) },
)
export type CredentialRef = z.output<typeof CredentialRefSchema>

export const RouteModeSchema = z.enum(['mock', 'proxy', 'record', 'replay'])

export const RouteRuleSchema = z
  .object({
    provider: z.enum(['redcap', 'epicollect', 'redox']),
    path: z
      .string()
      .startsWith('/', 'must start with "/"')
      .max(MAX_PATH_PATTERN_LENGTH)
      .default('/**')
      .describe(
        'Pattern under the provider mount: `*` is any run inside one segment, `**` any number of segments.',
      ),
    mode: RouteModeSchema,
  })
  .strict()

const UpstreamSchema = z
  .object({
    url: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .describe('Base URL: a request to <mount>/x goes to <url>/x.'),
    timeoutMs: z
      .number()
      .int()
      .positive()
      .default(DEFAULT_UPSTREAM_TIMEOUT_MS)
      .describe('No byte from the upstream for this long ends the exchange with 504.'),
  })
  .strict()

const RedoxCredentialsSchema = z
  .object({
    clientId: CredentialRefSchema,
    kid: CredentialRefSchema.optional().describe("Defaults to the private JWK's own kid."),
    privateKey: CredentialRefSchema.describe('The private JWK (JSON) or a PKCS#8 PEM.'),
  })
  .strict()

const CredentialsSchema = z
  .object({
    redcap: z.object({ token: CredentialRefSchema }).strict().optional(),
    epicollect: z
      .object({ clientId: CredentialRefSchema, clientSecret: CredentialRefSchema })
      .strict()
      .optional(),
    redox: RedoxCredentialsSchema.optional(),
    redoxCa: RedoxCredentialsSchema.optional(),
  })
  .strict()

const UpstreamsSchema = z
  .object({
    redcap: UpstreamSchema.optional(),
    epicollect: UpstreamSchema.optional(),
    redox: UpstreamSchema.optional(),
    redoxCa: UpstreamSchema.optional(),
  })
  .strict()

/** The proxy fields, spread into the config object. */
export const proxyConfigShape = {
  routes: z
    .array(RouteRuleSchema)
    .default([])
    .describe('Route modes, first match wins; anything unmatched is mock.'),
  upstreams: UpstreamsSchema.default({}).describe('The real services, by upstream key.'),
  credentials: CredentialsSchema.default({}).describe(
    'References to the real credentials, by upstream key.',
  ),
}

interface ProxyConfigFields {
  readonly routes: readonly z.output<typeof RouteRuleSchema>[]
  readonly upstreams: z.output<typeof UpstreamsSchema>
  readonly credentials: z.output<typeof CredentialsSchema>
}

/** Cross-field rules: a proxied or recorded route needs an upstream, and that upstream credentials. */
export function checkProxyConfig(config: ProxyConfigFields, ctx: z.RefinementCtx): void {
  const upstreams = Object.entries(UPSTREAM_KEYS).map(([key, where]) => ({
    key,
    provider: where.provider,
    configured: config.upstreams[key as UpstreamKey] !== undefined,
    hasCredentials: config.credentials[key as UpstreamKey] !== undefined,
  }))
  for (const problem of routeRuleProblems(config.routes, upstreams)) {
    ctx.addIssue({ code: 'custom', path: [...problem.path], message: problem.message })
  }
}
