/**
 * The request matcher of `POST /_standin/requests/count|find` and of stubs: method, path (the
 * path-pattern glob, over the whole path as the journal shows it), query, form and header values
 * (a string is `equals`; `{ contains }` looks inside), a JSON body subset, and for journal entries
 * status and outcome. `differences()` names every part that did not match, which is what a near
 * miss reports.
 */
import { z } from 'zod'
import { OUTCOMES, type ProviderId } from './glossary.js'
import type { Params } from './journal.js'
import { matchesPath } from './path-pattern.js'

// Built on first use (`z.lazy`): only a queued override, a journal search or a scenario with
// stubs checks one, never a plain start.
const valueMatchSchema = z.lazy(() =>
  z.union([
    z.string(),
    z
      .object({
        equals: z.string().optional(),
        contains: z.string().optional(),
      })
      .strict()
      .refine((v) => v.equals !== undefined || v.contains !== undefined, {
        message: 'give "equals" or "contains"',
      }),
  ]),
)

const valuesSchema = z.lazy(() => z.record(z.string(), valueMatchSchema))

export const requestMatcherSchema = z.lazy(() =>
  z
    .object({
      provider: z.string().min(1).optional(),
      method: z.string().min(1).optional().describe('HTTP method, any case.'),
      path: z
        .string()
        .startsWith('/')
        .optional()
        .describe('The whole path as the journal shows it, `*` matching any run: `/redcap/api/*`.'),
      query: valuesSchema
        .optional()
        .describe('Query parameters: a string equals, or { contains }.'),
      form: valuesSchema.optional().describe('Urlencoded or multipart form fields.'),
      headers: valuesSchema.optional().describe('Request headers, names in any case.'),
      json: z.unknown().optional().describe('A JSON body containing this (objects: a subset).'),
      status: z.number().int().optional().describe('Journal entries only: the status answered.'),
      outcome: z.enum(OUTCOMES).optional().describe('Journal entries only: what became of it.'),
    })
    .strict(),
)

export type RequestMatcher = z.output<typeof requestMatcherSchema>
type ValueMatch = z.output<typeof valueMatchSchema>

/** A request as a matcher sees it, whether live (a stub) or journaled. */
export interface RequestFacts {
  /** A provider id, or `standin` for the control plane. */
  readonly provider: ProviderId
  readonly method: string
  readonly path: string
  readonly query: Params
  readonly headers: Readonly<Record<string, string>>
  readonly form: Params | undefined
  /** The body as JSON, when it is JSON (read only if a matcher asks). */
  json(): unknown
  readonly status?: number
  readonly outcome?: string
}

export interface Difference {
  /** `method`, `path`, `query.content`, `headers.accept`, `json.resourceType`, ... */
  readonly part: string
  readonly expected: unknown
  readonly actual: unknown
}

export function differences(matcher: RequestMatcher, request: RequestFacts): Difference[] {
  const out: Difference[] = []
  const check = (part: string, ok: boolean, expected: unknown, actual: unknown) => {
    if (!ok) out.push({ part, expected, actual })
  }
  if (matcher.provider !== undefined)
    check('provider', matcher.provider === request.provider, matcher.provider, request.provider)
  if (matcher.method !== undefined) {
    const method = matcher.method.toUpperCase()
    check('method', method === request.method.toUpperCase(), method, request.method)
  }
  if (matcher.path !== undefined)
    check('path', matchesPath(matcher.path, request.path), matcher.path, request.path)
  compareValues('query', matcher.query, request.query, out)
  compareValues('form', matcher.form, request.form ?? {}, out)
  if (matcher.headers !== undefined) {
    const lower: Record<string, ValueMatch> = {}
    for (const [name, value] of Object.entries(matcher.headers)) lower[name.toLowerCase()] = value
    compareValues('headers', lower, request.headers, out)
  }
  if (matcher.json !== undefined) {
    const actual = request.json()
    const where = firstJsonDifference(matcher.json, actual, 'json')
    if (where) out.push(where)
  }
  if (matcher.status !== undefined)
    check('status', matcher.status === request.status, matcher.status, request.status)
  if (matcher.outcome !== undefined)
    check('outcome', matcher.outcome === request.outcome, matcher.outcome, request.outcome)
  return out
}

export function matches(matcher: RequestMatcher, request: RequestFacts): boolean {
  return differences(matcher, request).length === 0
}

function compareValues(
  part: string,
  expected: Readonly<Record<string, ValueMatch>> | undefined,
  actual: Params | Readonly<Record<string, string>>,
  out: Difference[],
): void {
  if (expected === undefined) return
  for (const [name, want] of Object.entries(expected)) {
    const got = Object.hasOwn(actual, name) ? actual[name] : undefined
    const values = got === undefined ? [] : typeof got === 'string' ? [got] : got
    if (!values.some((v) => valueMatches(want, v)))
      out.push({ part: `${part}.${name}`, expected: want, actual: got ?? null })
  }
}

function valueMatches(want: ValueMatch, value: string): boolean {
  if (typeof want === 'string') return value === want
  return (
    (want.equals === undefined || value === want.equals) &&
    (want.contains === undefined || value.includes(want.contains))
  )
}

/** Objects match when every expected member matches; arrays when each expected item is present. */
function firstJsonDifference(
  expected: unknown,
  actual: unknown,
  at: string,
): Difference | undefined {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return { part: at, expected, actual: actual ?? null }
    for (const [i, item] of expected.entries()) {
      if (!actual.some((a) => firstJsonDifference(item, a, at) === undefined))
        return { part: `${at}[${String(i)}]`, expected: item, actual: null }
    }
    return undefined
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual))
      return { part: at, expected, actual: actual ?? null }
    for (const [key, value] of Object.entries(expected)) {
      const inner = Object.hasOwn(actual, key)
        ? (actual as Record<string, unknown>)[key]
        : undefined
      const difference = firstJsonDifference(value, inner, `${at}.${key}`)
      if (difference) return difference
    }
    return undefined
  }
  return Object.is(expected, actual) ? undefined : { part: at, expected, actual: actual ?? null }
}
