/**
 * Redox's rate limit: "7,500 requests per IP per rolling 5 minutes" on the data APIs. standin counts
 * per API key (one developer machine is one IP), on the virtual clock, in a rolling window.
 * @see https://developer.redoxengine.com/api-reference/error-handling-and-responses
 */

/** Request times (virtual ms) inside the window, oldest first from `head`. */
export interface RateWindow {
  readonly hits: number[]
  head: number
}

export interface RateLimit {
  readonly requests: number
  readonly windowSeconds: number
}

export type RateDecision =
  { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number }

/** Counts one request for `key` unless the window is full. */
export function takeRequest(
  windows: Map<string, RateWindow>,
  key: string,
  nowMs: number,
  limit: RateLimit,
): RateDecision {
  let window = windows.get(key)
  if (!window) {
    window = { hits: [], head: 0 }
    windows.set(key, window)
  }
  const windowMs = limit.windowSeconds * 1000
  const { hits } = window
  while (window.head < hits.length && (hits[window.head] ?? 0) <= nowMs - windowMs) window.head++
  if (window.head > 1024 && window.head * 2 > hits.length) {
    hits.splice(0, window.head)
    window.head = 0
  }
  if (hits.length - window.head >= limit.requests) {
    const oldest = hits[window.head] ?? nowMs
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowMs - nowMs) / 1000)),
    }
  }
  hits.push(nowMs)
  return { allowed: true }
}
