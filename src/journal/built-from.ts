/**
 * What a route's Response was built from, read without building anything else. On the Node edge,
 * @hono/node-server's Response (the global one while its server runs) keeps `[status, body,
 * headers]` under a symbol described `cache` until something asks for a standard Response, and
 * writes a string or byte body straight from there. Reading the body through the standard API
 * (`clone()`, `text()`) would build that Response and tee its stream on every request, and the
 * server would then write the answer from the stream.
 */

/** The body and the headers as the route gave them (a record, an array of pairs or Headers). */
export interface BuiltFrom {
  readonly body: unknown
  readonly headers: unknown
}

let cacheKey: symbol | undefined

/** Undefined for any other Response (MSW's, or one already turned into a standard Response). */
export function builtFrom(response: Response): BuiltFrom | undefined {
  const key = cacheKey ?? findCacheKey(response)
  if (key === undefined) return undefined
  const cache = (response as unknown as Partial<Record<symbol, unknown>>)[key]
  if (!Array.isArray(cache) || cache.length !== 3) return undefined
  return { body: cache[1], headers: cache[2] }
}

function findCacheKey(response: Response): symbol | undefined {
  for (const key of Object.getOwnPropertySymbols(response)) {
    if (key.description === 'cache') {
      cacheKey = key
      return key
    }
  }
  return undefined
}

/** @hono/node-server's answer to a body given without a content type. */
const DEFAULT_CONTENT_TYPE = 'text/plain; charset=UTF-8'

/**
 * The headers the answer goes out with, as `response.headers` would give them, from the headers the
 * route gave and whether it gave a body (the body itself is not held for this).
 */
export function headersOf(headers: unknown, hasBody: boolean): Headers {
  if (headers instanceof Headers) return headers
  if (headers === undefined || headers === null) {
    return new Headers(hasBody ? { 'content-type': DEFAULT_CONTENT_TYPE } : undefined)
  }
  return new Headers(headers as HeadersInit)
}

/** One header of what the route gave, without building a Headers object. */
export function headerIn(built: BuiltFrom, name: string): string | undefined {
  const { headers } = built
  if (headers === undefined || headers === null) {
    return name === 'content-type' && built.body !== null ? DEFAULT_CONTENT_TYPE : undefined
  }
  if (headers instanceof Headers) return headers.get(name) ?? undefined
  if (Array.isArray(headers)) {
    const pair = (headers as [string, string][]).find(([key]) => key.toLowerCase() === name)
    return pair?.[1]
  }
  for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
    if (key.toLowerCase() !== name) continue
    return Array.isArray(value) ? value.join(', ') : String(value)
  }
  return undefined
}
