/**
 * The request body limit, answered by `onError` (a StandinError, so each provider renders its own
 * envelope). It decides from the headers whenever it can: asking `c.req.raw` for its body makes
 * @hono/node-server build a full undici Request with an abort signal, which costs each request
 * several microseconds and keeps a finalizer entry alive until a later garbage collection. Only a
 * chunked upload, whose size no header gives, is counted by hono's own middleware.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { bodyLimit as countingBodyLimit } from 'hono/body-limit'

export interface BodyLimitOptions {
  readonly maxSize: number
  readonly onError: () => never
}

export function bodyLimit(options: BodyLimitOptions): MiddlewareHandler {
  const counting = countingBodyLimit(options)
  return async function bodyLimit(c, next) {
    if (sizeKnown(c, options)) return next()
    return counting(c, next)
  }
}

/**
 * Whether the headers settle the limit: true when there is no body or its declared size is within
 * it (over it, `onError` throws); false for a chunked body, which only counting can measure.
 */
export function sizeKnown(c: Context, options: BodyLimitOptions): boolean {
  const method = c.req.method
  if (method === 'GET' || method === 'HEAD') return true
  const length = c.req.header('content-length')
  if (length === undefined || c.req.header('transfer-encoding') !== undefined) return false
  if (Number.parseInt(length, 10) > options.maxSize) options.onError()
  return true
}

/** hono's counting limit, for the bodies `sizeKnown` leaves to it. */
export { countingBodyLimit }
