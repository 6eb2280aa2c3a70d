/**
 * `standin.config.yaml|json`: how standin listens and serves, and which routes it forwards to the
 * real providers (`proxy-schema.ts`). Real credentials appear only as references (`{ env: NAME }`),
 * never as values.
 */
import { z } from 'zod'
import { checkProxyConfig, proxyConfigShape } from './proxy-schema.js'
import {
  DEFAULT_FILTER_LOGIC_DEPTH,
  DEFAULT_NESTING_DEPTH,
  MAX_DEPTH_SETTING,
} from '../core/nesting.js'
import { PARSE_ONCE } from '../core/parse-once.js'
import { DEFAULT_MAX_CREDENTIALS_PER_PROVIDER } from '../core/credentials.js'
import { DEFAULT_YAML_MAX_ALIAS_COUNT } from '../core/data-text.js'
import { LOG_FORMATS } from './log-format.js'

export const DEFAULT_PORT = 4010
export const DEFAULT_HOST = '127.0.0.1'
export const DEFAULT_BODY_LIMIT = 10 * 1024 * 1024
export const DEFAULT_JOURNAL_PREVIEW = 4096
export const DEFAULT_SESSION_IDLE_SECONDS = 30 * 60
export const DEFAULT_MAX_SESSIONS = 256

export const StandinConfigSchema = z
  .object({
    host: z.string().min(1).default(DEFAULT_HOST).describe('Address to bind; loopback by default.'),
    port: z.number().int().min(0).max(65535).default(DEFAULT_PORT).describe('0 takes a free port.'),
    allowedHosts: z
      .array(z.string().min(1))
      .default([])
      .describe(
        'Host names (any port) standin answers besides loopback and the bound address; others get 403.',
      ),
    scenario: z.string().min(1).optional().describe('Scenario file or name in scenarios/.'),
    bodyLimitBytes: z
      .number()
      .int()
      .positive()
      .default(DEFAULT_BODY_LIMIT)
      .describe('Largest request body accepted; larger ones get 413 in the provider envelope.'),
    journalSize: z
      .number()
      .int()
      .positive()
      .default(1000)
      .describe('How many requests the journal keeps.'),
    maxNestingDepth: z
      .number()
      .int()
      .min(8)
      .max(MAX_DEPTH_SETTING)
      .default(DEFAULT_NESTING_DEPTH)
      .describe('Deepest JSON or XML nesting a provider reads; deeper bodies get 400.'),
    maxFilterLogicDepth: z
      .number()
      .int()
      .min(1)
      .max(MAX_DEPTH_SETTING)
      .default(DEFAULT_FILTER_LOGIC_DEPTH)
      .describe("Deepest parentheses and `not`s in REDCap's filterLogic; deeper gets 400."),
    journalPreviewBytes: z
      .number()
      .int()
      .min(0)
      .max(1024 * 1024)
      .default(DEFAULT_JOURNAL_PREVIEW)
      .describe(
        'How much of each request and response body the journal keeps, secrets redacted (0: none).',
      ),
    sessionIdleSeconds: z
      .number()
      .positive()
      .default(DEFAULT_SESSION_IDLE_SECONDS)
      .describe('An isolated session unused for this long (real time) ends by itself.'),
    maxSessions: z
      .number()
      .int()
      .positive()
      .default(DEFAULT_MAX_SESSIONS)
      .describe('Most isolated sessions open at once; creating one more is refused with 409.'),
    maxCredentialsPerProvider: z
      .number()
      .int()
      .positive()
      .default(DEFAULT_MAX_CREDENTIALS_PER_PROVIDER)
      .describe(
        "Most credentials one provider holds; issuing more forgets that provider's oldest.",
      ),
    controlBodyLimitBytes: z
      .number()
      .int()
      .positive()
      .default(DEFAULT_BODY_LIMIT)
      .describe('Largest control-plane request body; larger ones get 413 in the control envelope.'),
    headersTimeoutMs: z
      .number()
      .int()
      .positive()
      .default(10_000)
      .describe("Most time a client may take to send a request's headers (Node's headersTimeout)."),
    requestTimeoutMs: z
      .number()
      .int()
      .positive()
      .default(60_000)
      .describe("Most time a client may take to send a whole request (Node's requestTimeout)."),
    yamlMaxAliasCount: z
      .number()
      .int()
      .min(-1)
      .default(DEFAULT_YAML_MAX_ALIAS_COUNT)
      .describe("The yaml library's maxAliasCount for scenario files: alias expansions allowed."),
    rateLimits: z
      .boolean()
      .default(true)
      .describe('false switches every simulated rate limit off (as --no-rate-limits does).'),
    log: z
      .enum(LOG_FORMATS)
      .optional()
      .describe('Access log on stderr: pretty (default), json or off; --log and STANDIN_LOG win.'),
    verbose: z
      .boolean()
      .default(false)
      .describe('The access log adds request and response headers, secrets redacted.'),
    ...proxyConfigShape,
  })
  .strict()
  // A credential given as a value (or any other field's problem) must not hide the route checks:
  // they run unless the route or upstream tables are broken themselves.
  .superRefine(checkProxyConfig, {
    when: (payload) => !payload.issues.some(breaksRouteChecks),
  })

/** The route checks read the routes, the upstreams and which credentials are present. */
function breaksRouteChecks(issue: { readonly path?: readonly PropertyKey[] | undefined }): boolean {
  const [first, ...rest] = issue.path ?? []
  return (
    first === 'routes' || first === 'upstreams' || (first === 'credentials' && rest.length === 0)
  )
}

export type StandinConfig = z.output<typeof StandinConfigSchema>
export type StandinConfigInput = z.input<typeof StandinConfigSchema>

export function defaultConfig(overrides: StandinConfigInput = {}): StandinConfig {
  return StandinConfigSchema.parse(overrides, PARSE_ONCE)
}
