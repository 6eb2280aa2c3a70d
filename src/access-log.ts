/**
 * The access log's middleware: one entry per answered request, with what the journal knows of it
 * (outcome, why) and the internal error behind a 5xx, if any. How an entry is written (pretty, JSON,
 * redacted headers) is the sink's business (src/cli/access-log-format.ts); this side reads nothing
 * it does not need, so logging costs a request little.
 */
import type { Context, MiddlewareHandler } from 'hono'
import type { StandinError } from './core/errors.js'
import type { Outcome } from './core/glossary.js'
import type { StandinEnv } from './providers/provider.js'

export interface AccessEntry {
  readonly method: string
  /** The path as the client sent it (a session's prefix included), without the query. */
  readonly path: string
  /** The query's parameter names only: a value may be a credential. */
  readonly queryKeys: readonly string[]
  readonly status: number
  readonly outcome: Outcome
  readonly why: string | undefined
  readonly ms: number
  /** The error behind an internal-error answer, so its stack is logged once. */
  readonly error: StandinError | undefined
  /** Request and response headers, read only when asked (verbose logs). */
  headers(): { readonly request: Headers; readonly response: Headers }
}

export interface AccessLog {
  /** false: only internal errors are passed on (`--log off` still shows a 5xx's stack). */
  readonly everyRequest: boolean
  write(entry: AccessEntry): void
}

export function accessLog(log: AccessLog, skip?: (path: string) => boolean): MiddlewareHandler {
  return async function logAccess(c, next) {
    const started = performance.now()
    await next()
    logAnswered(log, c, started, skip)
  }
}

/**
 * The entry of an answered request that began at `started` (`performance.now()`). The provider
 * front step calls it itself when only internal errors are logged, so that a provider request
 * passes through no middleware for it.
 */
export function logAnswered(
  log: AccessLog,
  c: Context,
  started: number,
  skip?: (path: string) => boolean,
): void {
  // Most requests end here: only an internal error is logged then.
  if (!log.everyRequest && (c as Context<StandinEnv>).get('internalError') === undefined) return
  const left = leftBy(c)
  // A forced 500 (Standin-Force, overrides) is an answer QA asked for, not a fault.
  const error = left.outcome === 'forced' ? undefined : left.internalError
  if (!log.everyRequest && error === undefined) return
  const { path, queryKeys } = splitUrl(c.req.url)
  if (skip?.(path) === true) return
  const status = c.res.status
  log.write({
    method: c.req.method,
    path,
    queryKeys,
    status,
    outcome: left.outcome ?? (status < 400 ? 'ok' : status < 500 ? 'rejected' : 'error'),
    why: left.why,
    ms: Math.round((performance.now() - started) * 100) / 100,
    error,
    headers: () => ({ request: c.req.raw.headers, response: c.res.headers }),
  })
}

/** What the request's handlers left for the journal and this log (see StandinEnv). */
function leftBy(c: Context): Partial<StandinEnv['Variables']> {
  // The root app is untyped; every app under it sets these as StandinEnv says.
  const typed = c as unknown as Context<StandinEnv>
  return {
    why: typed.get('why'),
    outcome: typed.get('outcome'),
    internalError: typed.get('internalError'),
  }
}

/** Hono's own URL split, without building a URL object. */
function splitUrl(url: string): { path: string; queryKeys: string[] } {
  const start = url.indexOf('/', url.indexOf('://') + 3)
  const query = url.indexOf('?', start)
  const hash = url.indexOf('#', start)
  const end = query === -1 ? (hash === -1 ? url.length : hash) : query
  const path = start === -1 ? '/' : url.slice(start, end)
  if (query === -1) return { path, queryKeys: [] }
  const search = url.slice(query + 1, hash === -1 ? url.length : hash)
  return { path, queryKeys: [...new Set(new URLSearchParams(search).keys())] }
}
