/**
 * REDCap's POST parameters for one request, read once and kept in hono's context: the route, the
 * local credential check of proxy, record and replay modes, and the error renderer (which answers
 * in the posted `returnFormat`) all read the same copy. A body Node already holds whole is taken
 * at once (received-body.ts); any other is read through hono's cached bytes, so it does not matter
 * whether the route-mode middleware read it first.
 */
import type { Context } from 'hono'
import { readAll } from '../../../core/bytes.js'
import type { ApiParams } from '../wire/params.js'
import { parsePostBody } from '../wire/read-params.js'
import { receivedBody } from './received-body.js'

declare module 'hono' {
  interface ContextVariableMap {
    /** REDCap's POST parameters, once a reader has parsed them (see `postedParams`). */
    redcapParams: ApiParams | undefined
  }
}

/**
 * The parameters; a promise only while the body is still to be read or parsed. A body Node has
 * already received whole is taken at once (received-body.ts).
 */
export function postedParams(c: Context): ApiParams | Promise<ApiParams> {
  const known = c.get('redcapParams')
  if (known !== undefined) return known
  const received = receivedBody(c)
  if (received === 'arriving') return Promise.resolve().then(() => readParams(c, receivedBody(c)))
  return readParams(c, received)
}

function readParams(
  c: Context,
  received: ReturnType<typeof receivedBody>,
): ApiParams | Promise<ApiParams> {
  if (typeof received === 'object') return parsedParams(c, received.bytes, received.text)
  return c.req.arrayBuffer().then((bytes) => parsedParams(c, new Uint8Array(bytes)))
}

function parsedParams(
  c: Context,
  bytes: Uint8Array,
  text?: string,
): ApiParams | Promise<ApiParams> {
  const params = parsePostBody(c.req.header('content-type'), bytes, text)
  if (params instanceof Promise) return params.then((parsed) => remember(c, parsed))
  return remember(c, params)
}

function remember(c: Context, params: ApiParams): ApiParams {
  c.set('redcapParams', params)
  return params
}

/**
 * The parameters for an error raised before anything read the body (an outcome forced by a lever):
 * read up to `limit` bytes, since the body limit has not run; undefined for a GET, or a body too
 * big or unreadable.
 */
export async function paramsBeforeBodyLimit(
  c: Context,
  limit: number,
): Promise<ApiParams | undefined> {
  const known = c.get('redcapParams')
  if (known !== undefined || c.req.method !== 'POST') return known
  try {
    const bytes = c.req.raw.bodyUsed
      ? new Uint8Array(await c.req.arrayBuffer())
      : await readAll(c.req.raw.body, limit)
    return await parsedParams(c, bytes)
  } catch {
    return undefined
  }
}
