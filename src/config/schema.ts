/**
 * `standin.config.yaml|json`: how standin listens and serves, and which routes it forwards to the
 * real providers (`proxy-schema.ts`). Real credentials appear only as references (`{ env: NAME }`),
 * never as values.
 */
import { z } from 'zod'
import { checkProxyConfig, proxyConfigShape } from './proxy-schema.js'
import { PARSE_ONCE } from '../core/parse-once.js'

export const DEFAULT_PORT = 4010
export const DEFAULT_HOST = '127.0.0.1'
export const DEFAULT_BODY_LIMIT = 10 * 1024 * 1024
export const DEFAULT_JOURNAL_PREVIEW = 4096
export const DEFAULT_SESSION_IDLE_SECONDS = 30 * 60

export const StandinConfigSchema = z
  .object({
    host: z.string().min(1).default(DEFAULT_HOST).describe('Address to bind; loopback by default.'),
    port: z.number().int().min(0).max(65535).default(DEFAULT_PORT).describe('0 takes a free port.'),
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
    rateLimits: z
      .boolean()
      .default(true)
      .describe('false switches every simulated rate limit off (as --no-rate-limits does).'),
    ...proxyConfigShape,
  })
  .strict()
  .superRefine(checkProxyConfig)

export type StandinConfig = z.output<typeof StandinConfigSchema>
export type StandinConfigInput = z.input<typeof StandinConfigSchema>

export function defaultConfig(overrides: StandinConfigInput = {}): StandinConfig {
  return StandinConfigSchema.parse(overrides, PARSE_ONCE)
}
