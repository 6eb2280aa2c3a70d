/**
 * The request body limit, answered by `onError` (a StandinError, so each provider renders its own
 * envelope). It decides from the headers whenever it can: asking `c.req.raw` for its body makes
 * @hono/node-server build a full undici Request with an abort signal, which costs each request
 * several microseconds and keeps a finalizer entry alive until a later garbage collection. Only a
 * chunked upload, whose size no header gives, is counted by hono's own middleware.
 */
import type { MiddlewareHandler } from 'hono'
import { bodyLimit as countingBodyLimit } from 'hono/body-limit'

export interface BodyLimitOptions {
  readonly maxSize: number
  readonly onError: () => never
}

export function bodyLimit(options: BodyLimitOptions): MiddlewareHandler {
  const counting = countingBodyLimit(options)
  return async function bodyLimit(c, next) {
    const method = c.req.method
    if (method === 'GET' || method === 'HEAD') return next()
    const length = c.req.header('content-length')
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (Number.parseInt(length, 10) > options.maxSize) options.onError()
      return next()
    }
    return counting(c, next)
  }
}
