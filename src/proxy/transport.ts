/**
 * The transport port: how standin reaches an upstream. The Node edge supplies one over node:http
 * (`node/http-transport.ts`, about three times faster than Node 20's fetch); in other runtimes the
 * injected `fetch` serves (`fetch-transport.ts`); tests may pass a fake upstream. Bodies stream
 * both ways: a request body may be a stream, and so is the response body, except that a transport
 * may hand over a small body of declared length whole (one write to the client instead of three).
 */
import { StandinError } from '../core/errors.js'

export type UpstreamBody = Uint8Array | ReadableStream<Uint8Array> | null

export interface UpstreamRequest {
  readonly method: string
  /** Absolute URL. */
  readonly url: string
  /** Lower-case names; hop-by-hop headers already removed. */
  readonly headers: Readonly<Record<string, string>>
  readonly body: UpstreamBody
  /** No byte from the upstream for this long aborts the exchange. */
  readonly timeoutMs: number
}

/** Response headers as Node parses them: lower-case names, repeated ones joined, cookies a list. */
export type HeaderRecord = Readonly<Record<string, string | readonly string[] | undefined>>

export type ResponseBody = ReadableStream<Uint8Array> | Uint8Array | null

export interface UpstreamResponse {
  readonly status: number
  readonly headers: HeaderRecord
  readonly body: ResponseBody
}

export type Transport = (request: UpstreamRequest) => Promise<UpstreamResponse>

/** A transport failure: `timeout` (no answer in time) or `connection` (refused, reset, DNS...). */
export class TransportError extends Error {
  override readonly name = 'TransportError'
  constructor(
    readonly kind: 'timeout' | 'connection',
    message: string,
  ) {
    super(message)
  }
}

/** A failure to reach the upstream, as the error the provider renders (502 or 504). */
export function upstreamError(error: unknown, what: string): StandinError {
  if (error instanceof StandinError) return error
  const reason = error instanceof Error ? error.message : String(error)
  if (error instanceof TransportError && error.kind === 'timeout') {
    return new StandinError('upstream_timeout', 'Gateway timeout', {
      detail: `${what}: ${reason}`,
      cause: error,
    })
  }
  return new StandinError('upstream_failed', 'Bad gateway', {
    detail: `${what}: ${reason}`,
    cause: error,
  })
}

/** `<base>` + `<path>` without doubling or dropping the slash between them. */
export function joinUrl(base: string, pathAndQuery: string): string {
  let end = base.length
  while (end > 0 && base.charCodeAt(end - 1) === SLASH) end--
  const head = end === base.length ? base : base.slice(0, end)
  return pathAndQuery.charCodeAt(0) === SLASH ? head + pathAndQuery : `${head}/${pathAndQuery}`
}

const SLASH = 0x2f
