/**
 * What a route's Response was built from, read without building anything else. On the Node edge,
 * @hono/node-server's Response (the global one while its server runs) keeps `[status, body,
 * headers]` under a symbol described `cache` until something asks for a standard Response, and
 * writes a string or byte body straight from there. In-process (the MSW handlers, `standin.fetch`)
 * the route's Response is Node's own, which keeps the string or bytes it was built from beside the
 * stream that yields them (core/body-source.ts). Reading the body through the standard
 * API (`clone()`, `text()`) would tee its stream on every request (and on the Node edge build that
 * Response first), and the answer would then be written or read from a branch of the tee.
 */
import { bodySourceOf } from '../core/body-source.js'

/** The body and the headers as the route gave them (a record, an array of pairs or Headers). */
export interface BuiltFrom {
  readonly body: unknown
  readonly headers: unknown
}

let cacheKey: symbol | undefined

/**
 * Undefined for any other Response: one built from a stream or a Blob, one whose body something
 * already read or teed, one already turned into a standard Response on the Node edge, and every
 * standard Response on a Node that keeps its body's source out of reach (core/body-source.ts).
 */
export function builtFrom(response: Response): BuiltFrom | undefined {
  const key = cacheKey ?? findCacheKey(response)
  const cache = key && (response as unknown as Partial<Record<symbol, unknown>>)[key]
  if (Array.isArray(cache))
    return cache.length === 3 ? { body: cache[1], headers: cache[2] } : undefined
  const body = bodySourceOf(response)
  if (body === undefined) return undefined
  // A stream or a Blob the route answered with is read the standard way.
  if (body !== null && typeof body.source !== 'string' && !(body.source instanceof Uint8Array))
    return undefined
  // Copied now: the answer goes out with the headers it has at this point.
  return { body: body === null ? null : body.source, headers: [...response.headers] }
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
