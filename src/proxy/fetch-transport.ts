/**
 * A transport over an injected `fetch`, for runtimes without node:http (the Node edge uses
 * `node/http-transport.ts`). The timeout covers the wait for the response head.
 */
import { TransportError, type Transport } from './transport.js'

export function fetchTransport(getFetch: () => typeof fetch): Transport {
  return async function fetchUpstream(request) {
    const controller = new AbortController()
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      controller.abort()
    }, request.timeoutMs)
    try {
      const init: RequestInit & { duplex: 'half' } = {
        method: request.method,
        headers: request.headers,
        // fetch takes any Uint8Array at run time; the DOM types want an ArrayBuffer-backed one.
        body: request.body as BodyInit | null,
        signal: controller.signal,
        redirect: 'manual',
        duplex: 'half',
      }
      const response = await getFetch()(request.url, init)
      const headers: Record<string, string | string[]> = {}
      response.headers.forEach((value, name) => {
        headers[name] = value
      })
      const cookies = response.headers.getSetCookie()
      if (cookies.length > 0) headers['set-cookie'] = cookies
      // fetch decodes compressed bodies itself; the headers must then say so.
      if (headers['content-encoding'] !== undefined) {
        delete headers['content-encoding']
        delete headers['content-length']
      }
      return { status: response.status, headers, body: response.body }
    } catch (error) {
      if (timedOut) {
        throw new TransportError('timeout', `no answer within ${String(request.timeoutMs)} ms`)
      }
      throw new TransportError('connection', describe(error))
    } finally {
      clearTimeout(timer)
    }
  }
}

function describe(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined
  if (cause instanceof Error) return cause.message
  return error instanceof Error ? error.message : String(error)
}
