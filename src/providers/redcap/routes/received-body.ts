/**
 * A request body Node has already received whole, taken at once. A form posted to REDCap usually
 * arrives with its headers, so by the time the route runs Node holds all of it; reading it through
 * @hono/node-server's body methods would still attach four stream listeners, wait on a promise and
 * copy the bytes into a fresh ArrayBuffer on every call. Only a plain HTTP/1 request whose body
 * nobody has touched, that Node has completely received and whose size is declared, is taken this
 * way; any other is left to hono (`undefined`).
 *
 * What is taken is left in hono's body cache for every later reader (the journal): a form whose
 * bytes are all ASCII as its text, which is then exactly the bytes and reads the same everywhere
 * (journal/body-preview.ts reads a form's fields from either), anything else as a copy of the
 * bytes, as hono would have left it.
 */
import type { Context } from 'hono'

/** What is read of Node's `IncomingMessage` (the Node edge's `c.env.incoming`). */
interface Incoming {
  readonly httpVersionMajor?: unknown
  readonly complete?: unknown
  readonly readableDidRead?: unknown
  readonly readableEncoding?: unknown
  readonly readableLength?: unknown
  read?: unknown
  once?: unknown
}

/** hono keeps a promise of each body it has read, under the name of the method that read it. */
type BodyCache = Record<string, Promise<unknown> | undefined>

const utf8 = new TextDecoder()
const NON_ASCII = /[\u0080-\uffff]/

export interface ReceivedBody {
  readonly bytes: Uint8Array
  /** The bytes decoded as UTF-8 (each invalid byte as U+FFFD), as a form is read. */
  readonly text: string
}

/**
 * The body; `arriving` while Node has not yet parsed all of it (the route may run while Node is
 * still parsing the packet that carries it: look again after the current task); undefined when
 * hono must read it.
 */
export function receivedBody(c: Context): ReceivedBody | 'arriving' | undefined {
  const incoming = (c.env as { incoming?: Incoming } | undefined)?.incoming
  if (
    incoming?.httpVersionMajor !== 1 ||
    incoming.readableDidRead !== false ||
    incoming.readableEncoding !== null ||
    typeof incoming.read !== 'function' ||
    typeof incoming.once !== 'function'
  )
    return undefined
  const declared = c.req.header('content-length')
  const cache = c.req.bodyCache as BodyCache
  if (declared === undefined || c.req.raw.bodyUsed || !nothingCached(cache)) return undefined
  // Node passes on no more than the declared length: with all of it here, the body is whole.
  if (incoming.readableLength !== Number(declared)) return 'arriving'
  const read = incoming.read as (this: Incoming) => Uint8Array | null
  const bytes = read.call(incoming) ?? new Uint8Array(0)
  // The stream ends once Node has seen the message end; a read then lets it say so (`end`), as
  // @hono/node-server and Node's own response handling expect of a body that was read.
  if (incoming.complete !== true)
    (incoming.once as (event: string, listener: () => void) => void).call(
      incoming,
      'readable',
      () => read.call(incoming),
    )
  const text = utf8.decode(bytes)
  if (isForm(c.req.header('content-type')) && text.length === bytes.length && !NON_ASCII.test(text))
    cache.text = Promise.resolve(text)
  else cache.arrayBuffer = Promise.resolve(new Uint8Array(bytes).buffer)
  return { bytes, text }
}

function isForm(contentType: string | undefined): boolean {
  return contentType?.toLowerCase().startsWith('application/x-www-form-urlencoded') === true
}

function nothingCached(cache: BodyCache): boolean {
  for (const method in cache) if (cache[method] !== undefined) return false
  return true
}
