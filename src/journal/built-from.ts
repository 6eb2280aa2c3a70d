/**
 * What a route's Response was built from, read without building anything else. On the Node edge,
 * @hono/node-server's Response (the global one while its server runs) keeps `[status, body,
 * headers]` under a symbol described `cache` until something asks for a standard Response, and
 * writes a string or byte body straight from there. In-process (the MSW handlers, `standin.fetch`)
 * the route's Response is Node's own, which keeps the string or bytes it was built from beside the
 * stream that yields them, under a symbol described `state`. Reading the body through the standard
 * API (`clone()`, `text()`) would tee its stream on every request (and on the Node edge build that
 * Response first), and the answer would then be written or read from a branch of the tee.
 */

/** The body and the headers as the route gave them (a record, an array of pairs or Headers). */
export interface BuiltFrom {
  readonly body: unknown
  readonly headers: unknown
}

let cacheKey: symbol | undefined
let stateKey: symbol | undefined

/**
 * Undefined for any other Response: one built from a stream or a Blob, one whose body something
 * already read or teed, one already turned into a standard Response on the Node edge, and every
 * standard Response on a Node whose Response keeps its state out of reach.
 */
export function builtFrom(response: Response): BuiltFrom | undefined {
  if (cacheKey === undefined || stateKey === undefined) findKeys(response)
  const cache = cacheKey && (response as unknown as Partial<Record<symbol, unknown>>)[cacheKey]
  if (Array.isArray(cache))
    return cache.length === 3 ? { body: cache[1], headers: cache[2] } : undefined
  return stateKey === undefined ? undefined : fromState(response, stateKey)
}

function findKeys(response: Response): void {
  for (const key of Object.getOwnPropertySymbols(response)) {
    if (key.description === 'cache') cacheKey = key
    else if (key.description === 'state') stateKey = key
  }
}

/** What Node's Response keeps of its body: the stream, and the string or bytes it was made from. */
interface StandardState {
  readonly body?: { readonly source?: unknown } | null
}

/**
 * The source of a body nobody has read: the stream yields exactly those characters or bytes (Node
 * copies bytes it is given, so the route cannot change them afterwards). The headers are copied
 * now, as the answer goes out with them.
 */
function fromState(response: Response, key: symbol): BuiltFrom | undefined {
  const state = (response as unknown as Partial<Record<symbol, StandardState>>)[key]
  if (state === undefined) return undefined
  if (state.body == null)
    return response.body === null ? { body: null, headers: [...response.headers] } : undefined
  const { source } = state.body
  if (typeof source !== 'string' && !(source instanceof Uint8Array)) return undefined
  if (response.bodyUsed || response.body?.locked !== false) return undefined
  return { body: source, headers: [...response.headers] }
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
