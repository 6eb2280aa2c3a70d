/**
 * What a standard Request or Response body was built from, read without reading the body. Node's
 * own Request and Response keep, beside the stream that yields a body given as a string, bytes or a
 * form, that source and its length in bytes, under a symbol described `state`. Reading the body
 * through the standard API costs a stream read (and a tee, to leave it readable), which for an
 * in-process call (the MSW handlers, `standin.fetch`) costs more than answering it. On a Node that
 * keeps this out of reach every caller falls back to the standard API.
 */

/** A body as its message was given it: `length` is null where its size is not known up front. */
export interface BodySource {
  /** A string or bytes (Node copies bytes it is given); anything else is not read here. */
  readonly source: unknown
  readonly length: number | null
}

interface State {
  readonly body?: { readonly source?: unknown; readonly length?: unknown } | null
}

let stateKey: symbol | undefined

/**
 * The body `message` was built from: null for no body, undefined where it cannot be told (then read
 * it the standard way). Only as long as nothing has read or locked the body are its source and
 * length those of what it will yield.
 */
export function bodySourceOf(message: Request | Response): BodySource | null | undefined {
  const key = stateKey ?? findStateKey(message)
  if (key === undefined) return undefined
  const state = (message as unknown as Partial<Record<symbol, State>>)[key]
  if (state === undefined || typeof state !== 'object') return undefined
  if (state.body == null) return message.body === null ? null : undefined
  if (message.bodyUsed || message.body?.locked !== false) return undefined
  const { source, length } = state.body
  return { source, length: typeof length === 'number' ? length : null }
}

function findStateKey(message: Request | Response): symbol | undefined {
  for (const key of Object.getOwnPropertySymbols(message)) {
    if (key.description === 'state') return (stateKey = key)
  }
  return undefined
}
