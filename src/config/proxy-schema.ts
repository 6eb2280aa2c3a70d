/**
 * The proxy part of `standin.config.yaml|json`: route modes per provider and path pattern, the real
 * upstreams, and references to the real credentials standin swaps in. A credential is only ever a
 * reference (`{ env: NAME }` or `{ file: PATH }`), never its value, so a config file is safe to commit.
 */
import { z } from 'zod'
import { MAX_PATH_PATTERN_LENGTH } from '../core/path-pattern.js'
import type { CredentialField } from '../providers/host.js'
import {
  SHIPPED_HOSTS,
  SHIPPED_PROVIDER_IDS,
  type HostName,
  type ShippedProviderId,
} from '../providers/index.js'
import { routeRuleProblems } from '../proxy/check.js'

export const DEFAULT_UPSTREAM_TIMEOUT_MS = 30_000

/**
 * The config's upstream keys are the shipped hosts' names (each provider's `hosts.ts`): each serves one
 * provider and receives its mount's requests. Redox keys belong to one region, so its US and Canada
 * hosts are separate upstreams with their own keys.
 */
export type UpstreamKey = HostName

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
    provider: z.enum(SHIPPED_PROVIDER_IDS as [ShippedProviderId, ...ShippedProviderId[]]),
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

/** One host's credential references: the fields its provider declares, each a reference. */
function credentialsSchema(fields: readonly CredentialField[]) {
  const shape: Record<string, z.ZodType<CredentialRef | undefined>> = {}
  for (const field of fields) {
    const ref = field.optional === true ? CredentialRefSchema.optional() : CredentialRefSchema
    shape[field.name] = field.description === undefined ? ref : ref.describe(field.description)
  }
  return z.object(shape).strict()
}

/** An object with one optional entry per shipped host, in registry order. */
function perHost<T extends z.ZodType>(schemaOf: (host: (typeof SHIPPED_HOSTS)[number]) => T) {
  const shape = Object.fromEntries(
    SHIPPED_HOSTS.map((host) => [host.name, schemaOf(host).optional()]),
  )
  return z.strictObject(shape as Record<HostName, z.ZodOptional<T>>)
}

const CredentialsSchema = perHost((host) => credentialsSchema(host.credentials))

const UpstreamsSchema = perHost(() => UpstreamSchema)

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
  const upstreams = SHIPPED_HOSTS.map((host) => ({
    key: host.name,
    provider: host.provider,
    configured: config.upstreams[host.name] !== undefined,
    hasCredentials: config.credentials[host.name] !== undefined,
  }))
  for (const problem of routeRuleProblems(config.routes, upstreams)) {
    ctx.addIssue({ code: 'custom', path: [...problem.path], message: problem.message })
  }
}
