/**
 * One request forwarded to the real upstream with the real credential in place of the local one.
 * Bodies stream both ways unless the credential lives in the body; an answer that says the credential
 * went stale is retried once with a fresh one when the request can be sent again.
 */
import { readAll, utf8OrUndefined } from '../core/bytes.js'
import { clientResponseHeaders, upstreamRequestHeaders, type ReceivedHeaders } from './headers.js'
import type { CredentialCarrier, CredentialSource, InjectorDefinition } from './inject/injector.js'
import type { Scrubber } from './to-recording.js'
import type { UpstreamSettings } from './settings.js'
import {
  joinUrl,
  upstreamError,
  type ResponseBody,
  type Transport,
  type UpstreamBody,
  type UpstreamResponse,
} from './transport.js'

/** A client's request as the proxy sees it. */
export interface ClientRequest {
  readonly method: string
  /** Path under the mount plus the raw query (`/api/export/entries/x?page=2`). */
  readonly pathAndQuery: string
  readonly headers: ReceivedHeaders
  readonly body: UpstreamBody
}

export interface ForwardDeps {
  readonly upstream: UpstreamSettings
  readonly transport: Transport
  readonly injector: InjectorDefinition
  readonly source: CredentialSource
  /** Hides the secrets standin holds in the headers passed back. */
  readonly secrets: Scrubber
  /** Ask for an uncompressed body (a recording is scrubbed of secrets before it is written). */
  readonly identity?: boolean
  /** This standin's entry for the Via header, e.g. `1.1 standin-1a2b3c4d`. */
  readonly via: string
}

export interface ForwardedResponse {
  readonly status: number
  readonly headers: Record<string, string>
  readonly body: ResponseBody
}

export async function forward(
  request: ClientRequest,
  deps: ForwardDeps,
): Promise<ForwardedResponse> {
  const { injector, source } = deps
  const { headers, contentType } = upstreamRequestHeaders(
    request.headers,
    deps.identity === true,
    deps.via,
  )
  const carrier: CredentialCarrier = { headers, contentType, body: request.body }
  const url = joinUrl(deps.upstream.url, request.pathAndQuery)
  let credential = await source.current()
  let response: UpstreamResponse
  try {
    response = await send(request.method, url, injector.place.put(carrier, credential), deps)
  } catch (error) {
    throw upstreamError(error, `${request.method} ${url}`)
  }
  const stale = injector.staleWhen
  // A streamed request body is gone once sent; only a buffered (or empty) one can be sent twice.
  if (stale && response.status === stale.status && !(request.body instanceof ReadableStream)) {
    let wentStale = true
    if (stale.bodyIncludes !== undefined) {
      const bytes = await readAll(response.body)
      wentStale = utf8OrUndefined(bytes)?.includes(stale.bodyIncludes) === true
      response = { ...response, body: bytes }
    } else if (response.body instanceof ReadableStream) {
      await response.body.cancel()
    }
    if (wentStale) {
      source.invalidate?.(credential)
      credential = await source.current()
      try {
        response = await send(request.method, url, injector.place.put(carrier, credential), deps)
      } catch (error) {
        throw upstreamError(error, `${request.method} ${url}`)
      }
    }
  }
  return {
    status: response.status,
    headers: clientResponseHeaders(response.headers, deps.secrets),
    body: response.body,
  }
}

/** One attempt, with the credential already in place. */
function send(
  method: string,
  url: string,
  placed: CredentialCarrier,
  deps: ForwardDeps,
): Promise<UpstreamResponse> {
  return deps.transport({
    method,
    url,
    headers: placed.headers,
    body: placed.body,
    timeoutMs: deps.upstream.timeoutMs,
  })
}
