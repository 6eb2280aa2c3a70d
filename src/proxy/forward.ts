/**
 * One request forwarded to the real upstream with the real credential in place of the local one.
 * Bodies stream both ways unless the credential lives in the body; an answer that says the credential
 * went stale is retried once with a fresh one when the request can be sent again.
 */
import { readAll, utf8OrUndefined } from './bytes.js'
import { clientResponseHeaders, upstreamRequestHeaders } from './headers.js'
import type { CredentialSource, InjectorDefinition } from './inject/injector.js'
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
  readonly headers: Headers
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
  const { upstream, injector, source } = deps
  const url = joinUrl(upstream.url, request.pathAndQuery)
  const carrier = {
    headers: upstreamRequestHeaders(request.headers, {
      identity: deps.identity === true,
      via: deps.via,
    }),
    contentType: request.headers.get('content-type') ?? undefined,
    body: request.body,
  }
  const send = async (credential: string): Promise<UpstreamResponse> => {
    const placed = injector.place.put(carrier, credential)
    try {
      return await deps.transport({
        method: request.method,
        url,
        headers: placed.headers,
        body: placed.body,
        timeoutMs: upstream.timeoutMs,
      })
    } catch (error) {
      throw upstreamError(error, `${request.method} ${url}`)
    }
  }

  let credential = await source.current()
  let response = await send(credential)
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
      response = await send(credential)
    }
  }
  const scrub = (text: string) => deps.secrets.scrub(text)
  return { ...response, headers: clientResponseHeaders(response.headers, scrub) }
}
