/**
 * Laravel's named rate limiters as Epicollect5 configures them: fixed windows opened by the first
 * hit; a request over the limit is refused and not counted. Export limits are keyed by the raw
 * project slug of the URL (shared by every client of the project), the token limit by client IP.
 * The throttle runs before the project and token checks, so a bad slug or token still counts.
 *
 * @see epicollect5-server app/Providers/RateLimiterServiceProvider.php, config/epicollect/limits.php
 * @see https://github.com/laravel/framework/blob/12.x/src/Illuminate/Routing/Middleware/ThrottleRequests.php
 */
import { Ec5Error } from '../errors.js'

export interface Limit {
  /** The limiter and key, e.g. `api-export-entries|ec5-river-watch`. */
  readonly key: string
  readonly max: number
  readonly windowSeconds: number
}

interface Bucket {
  hits: number
  resetAtMs: number
}

/** Buckets are purged once there are this many, so random slugs cannot grow memory without end. */
const PURGE_AT = 10_000

export class RateLimiter {
  readonly #buckets = new Map<string, Bucket>()

  /**
   * Counts one request against each limit in turn; throws 429 `ec5_255` at the first one already
   * full. Returns the headers a response carries (the last limit's, as Laravel overwrites them).
   */
  hit(limits: readonly Limit[], nowMs: number): Record<string, string> {
    if (this.#buckets.size >= PURGE_AT) this.#purge(nowMs)
    let headers: Record<string, string> = {}
    for (const limit of limits) {
      let bucket = this.#buckets.get(limit.key)
      if (!bucket || bucket.resetAtMs <= nowMs) {
        bucket = { hits: 0, resetAtMs: nowMs + limit.windowSeconds * 1000 }
        this.#buckets.set(limit.key, bucket)
      }
      if (bucket.hits >= limit.max) {
        const retryAfter = Math.max(Math.ceil((bucket.resetAtMs - nowMs) / 1000), 0)
        throw new Ec5Error('rate_limited', [{ code: 'ec5_255', source: 'rate-limiter' }], {
          status: 429,
          detail: `${limit.key}: ${String(limit.max)} requests per ${String(limit.windowSeconds)} s used; retry after ${String(retryAfter)} s`,
          headers: {
            'x-ratelimit-limit': String(limit.max),
            'x-ratelimit-remaining': '0',
            'retry-after': String(retryAfter),
            'x-ratelimit-reset': String(Math.floor(nowMs / 1000) + retryAfter),
          },
        })
      }
      bucket.hits++
      headers = {
        'x-ratelimit-limit': String(limit.max),
        'x-ratelimit-remaining': String(limit.max - bucket.hits),
      }
    }
    return headers
  }

  #purge(nowMs: number): void {
    for (const [key, bucket] of this.#buckets)
      if (bucket.resetAtMs <= nowMs) this.#buckets.delete(key)
  }
}
