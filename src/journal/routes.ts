/**
 * `/_standin/requests`: the journal, filtered (`GET`), and what a test verifies with it: how many
 * requests matched (`POST /count`) and which (`POST /find`). When nothing matched, the answer lists
 * the nearest entries and the parts of the matcher each one missed, as WireMock's near misses do.
 */
import { Hono } from 'hono'
import { z } from 'zod'
import { StandinError } from '../core/errors.js'
import { OUTCOMES } from '../core/glossary.js'
import { SHIPPED_PROVIDER_IDS as PROVIDER_IDS } from '../providers/index.js'
import type { JournalEntry } from '../core/journal.js'
import { matchesPath } from '../core/path-pattern.js'
import { readPayload, renderAdminError } from '../admin/envelope.js'
import { toProblems } from '../core/issues.js'
import type { World } from '../world.js'
import { entryFacts } from './facts.js'
import {
  differences,
  requestMatcherSchema,
  type Difference,
  type RequestMatcher,
} from '../core/request-matcher.js'

export const requestsFilterSchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(100_000).optional(),
    provider: z.enum([...PROVIDER_IDS, 'standin']).optional(),
    method: z.string().min(1).optional(),
    path: z.string().startsWith('/').optional().describe('A path pattern: `*` matches any run.'),
    status: z
      .string()
      .regex(/^[1-5](\d\d|xx)$/, 'a status (404) or a class (4xx)')
      .optional(),
    outcome: z.enum(OUTCOMES).optional(),
    credential: z
      .string()
      .min(1)
      .optional()
      .describe('A credential id, as `/_standin/tokens` lists it.'),
    since: z.iso
      .datetime({ offset: true })
      .optional()
      .describe('Entries at or after this virtual instant.'),
  })
  .strict()

export const findPayloadSchema = z.lazy(() =>
  requestMatcherSchema.unwrap().extend({
    limit: z.number().int().min(1).max(100_000).optional(),
  }),
)

/** How many near misses a find that matched nothing returns. */
export const NEAR_MISSES = 3

export interface NearMiss {
  readonly entry: JournalEntry
  readonly differences: readonly Difference[]
}

export function requestRoutes(world: World): Hono {
  const app = new Hono()
  app.onError(renderAdminError)

  app.get('/', function listRequests(c) {
    const filters = readFilters(c.req.queries())
    const keep = entryFilter(filters)
    const requests: JournalEntry[] = []
    for (const entry of world.journal.list()) {
      if (requests.length === (filters.limit ?? Infinity)) break
      if (keep(entry)) requests.push(entry)
    }
    return c.json({ total: world.journal.total, requests })
  })

  app.post('/count', async function countRequests(c) {
    const matcher = await readPayload(c, requestMatcherSchema)
    return c.json({ count: find(world, matcher).length })
  })

  app.post('/find', async function findRequests(c) {
    const { limit, ...matcher } = await readPayload(c, findPayloadSchema)
    const found = find(world, matcher)
    return c.json({
      requests: found.slice(0, limit ?? found.length),
      nearMisses: found.length === 0 ? nearMisses(world, matcher) : [],
    })
  })
  return app
}

type Filters = z.output<typeof requestsFilterSchema>

function readFilters(queries: Record<string, string[]>): Filters {
  const once: Record<string, string> = {}
  for (const [name, values] of Object.entries(queries)) {
    if (values.length > 1) throw new StandinError('invalid_request', `Give "${name}" once.`)
    once[name] = values[0] ?? ''
  }
  const known = Object.keys(requestsFilterSchema.shape)
  const unknown = Object.keys(once).filter((name) => !known.includes(name))
  if (unknown.length > 0) {
    const names = unknown.map((name) => `"${name}"`).join(', ')
    throw new StandinError(
      'invalid_request',
      `Unknown filter ${names}. Filters: ${known.join(', ')}.`,
    )
  }
  const result = requestsFilterSchema.safeParse(once)
  if (result.success) return result.data
  const problems = toProblems(result.error)
    .map((p) => `${p.path}: ${p.message}`)
    .join('; ')
  throw new StandinError('invalid_request', `Invalid filter: ${problems}.`)
}

function entryFilter(f: Filters): (entry: JournalEntry) => boolean {
  const method = f.method?.toUpperCase()
  const since = f.since === undefined ? undefined : Date.parse(f.since)
  const status = f.status
  return (e) =>
    (f.provider === undefined || e.provider === f.provider) &&
    (method === undefined || e.method === method) &&
    (f.path === undefined || matchesPath(f.path, e.path)) &&
    (status === undefined ||
      (status.endsWith('xx') ? String(e.status)[0] === status[0] : String(e.status) === status)) &&
    (f.outcome === undefined || e.outcome === f.outcome) &&
    (f.credential === undefined || e.credentialId === f.credential) &&
    (since === undefined || Date.parse(e.at) >= since)
}

/** Matching entries, newest first. */
export function find(world: World, matcher: RequestMatcher): JournalEntry[] {
  return world.journal.list().filter((e) => differences(matcher, entryFacts(e)).length === 0)
}

function nearMisses(world: World, matcher: RequestMatcher): NearMiss[] {
  const scored = world.journal
    .list()
    .map((entry) => ({ entry, differences: differences(matcher, entryFacts(entry)) }))
  // A stable sort: among equally near entries, the newest comes first.
  scored.sort((a, b) => a.differences.length - b.differences.length)
  return scored.slice(0, NEAR_MISSES)
}
