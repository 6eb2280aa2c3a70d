/**
 * What the fuzz harness aims at: every route the app has (the control plane and each provider's
 * routes, as hono lists them) plus a catch-all per provider mount, read from the app and the
 * registry so a newly registered provider is covered without touching this file.
 */
import fc from 'fast-check'
import type { Hono } from 'hono'
import type { AnyProvider } from '../../src/providers/provider.js'
import type { Send } from './answer.js'
import * as hostile from './hostile.js'

export interface Target {
  /** `METHOD /pattern`, for test names. */
  readonly label: string
  /** The route's method, or undefined when it answers any. */
  readonly method: string | undefined
  readonly pattern: string
}

export interface FuzzRequest {
  readonly method: string
  readonly path: string
  readonly headers: Record<string, string>
  readonly body: string | undefined
}

export function targetsOf(app: Hono, providers: readonly AnyProvider[]): Target[] {
  const seen = new Map<string, Target>()
  const add = (method: string, pattern: string) => {
    const m = method === 'ALL' ? undefined : method
    const label = `${m ?? 'ANY'} ${pattern}`
    if (!seen.has(label)) seen.set(label, { label, method: m, pattern })
  }
  add('GET', '/_standin/health')
  add('ALL', '/_standin/*')
  for (const route of app.routes) add(route.method, route.path)
  for (const provider of providers) for (const mount of provider.mounts) add('ALL', `${mount}/*`)
  return [...seen.values()].sort((a, b) => a.label.localeCompare(b.label))
}

/** Fills `:param` and `*` in a hono pattern with hostile segments. */
function pathFor(pattern: string): fc.Arbitrary<string> {
  const parts = pattern.split('/').map((segment) => {
    if (segment.startsWith(':')) return hostile.pathSegment.map(encodeURIComponent)
    if (segment === '*')
      return fc
        .array(hostile.pathSegment.map(encodeURIComponent), { maxLength: 3 })
        .map((s) => s.join('/'))
    return fc.constant(segment)
  })
  return fc.tuple(...parts).map((segments) => segments.join('/'))
}

function queryString(pairs: readonly (readonly [string, string])[] | undefined): string {
  if (pairs === undefined) return ''
  return `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`
}

/** A concrete path for a pattern: parameters filled with a plain word. */
export function plainPath(pattern: string): string {
  return pattern.replace(/:[^/]+/g, 'x').replace(/\*/g, '')
}

/**
 * Hostile requests for a target. `examples` are real-shaped payloads to mutate: those the route
 * accepted when probed, so most runs get past its first validation and into the code behind it.
 */
export function requestFor(
  target: Target,
  examples: readonly hostile.Example[] = hostile.NEAR_VALID,
): fc.Arbitrary<FuzzRequest> {
  const method =
    target.method === undefined
      ? hostile.method
      : fc.oneof({ weight: 4, arbitrary: fc.constant(target.method) }, hostile.method)
  return fc
    .record({
      method,
      path: pathFor(target.pattern),
      query: hostile.query,
      body: hostile.bodyFor(examples.length > 0 ? examples : hostile.NEAR_VALID),
      contentType: hostile.contentType,
      authorization: hostile.authorization,
      accept: hostile.accept,
      originalBase: fc.option(fc.constantFrom('http://x', '::::', 'javascript:alert(1)', ''), {
        nil: undefined,
      }),
    })
    .map((r) => {
      const headers: Record<string, string> = {}
      if (r.contentType !== undefined) headers['content-type'] = r.contentType
      if (r.authorization !== undefined) headers.authorization = r.authorization
      if (r.accept !== undefined) headers.accept = r.accept
      if (r.originalBase !== undefined) headers['standin-original-base'] = r.originalBase
      const bodyless = r.method === 'GET' || r.method === 'HEAD'
      return {
        method: r.method,
        path: `${r.path}${queryString(r.query)}`,
        headers,
        body: bodyless ? undefined : r.body,
      }
    })
}

export function describeRequest(r: FuzzRequest): string {
  const body =
    r.body === undefined ? '' : ` body(${String(r.body.length)}): ${r.body.slice(0, 200)}`
  return `${r.method} ${r.path.slice(0, 300)} ${JSON.stringify(r.headers).slice(0, 300)}${body}`
}

/**
 * The real-shaped payloads a route accepts (answers below 300), sent as JSON and as a form. Found
 * by asking the route itself, so a new provider's routes get fitting seeds without a table here.
 */
export async function acceptedExamples(send: Send, target: Target): Promise<hostile.Example[]> {
  const method = target.method ?? 'POST'
  if (method === 'GET' || method === 'HEAD') return []
  const path = plainPath(target.pattern)
  const accepted: hostile.Example[] = []
  for (const example of hostile.NEAR_VALID) {
    const asJson = await send({
      method,
      path,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(example),
    })
    const asForm = await send({
      method,
      path,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(
        Object.entries(example).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
      ).toString(),
    })
    if (asJson.status < 300 || asForm.status < 300) accepted.push(example)
  }
  return accepted
}
