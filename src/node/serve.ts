/**
 * The Node edge: @hono/node-server on a real socket, loopback by default, closed gracefully
 * (connections.ts: no accepted request is reset), with event streams, which never finish on their
 * own, ended.
 */
import { serve, type Http2Bindings, type HttpBindings, type ServerType } from '@hono/node-server'
import type { Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Connections } from './connections.js'

export interface ServeOptions {
  readonly host: string
  readonly port: number
  /** Most time to receive a request's headers (Node's `headersTimeout`); default 10 s. */
  readonly headersTimeoutMs?: number | undefined
  /** Most time to receive a whole request (Node's `requestTimeout`); default 60 s. */
  readonly requestTimeoutMs?: number | undefined
}

export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000

export interface CloseOptions {
  /**
   * How long a keep-alive connection with nothing in flight is left open for a request that may be
   * on its way (default 0: closed at once, as a test closing its own server wants).
   */
  readonly idleGraceMs?: number | undefined
}

export interface RunningServer {
  readonly url: string
  readonly host: string
  readonly port: number
  close(options?: CloseOptions): Promise<void>
}

export class ListenError extends Error {
  override readonly name = 'ListenError'
}

/** A request and the Node bindings it came with (hono's `c.env`: `incoming`, `outgoing`). */
export type FetchHandler = (
  request: Request,
  env: HttpBindings | Http2Bindings,
) => Response | Promise<Response>

export function serveApp(
  fetchHandler: FetchHandler,
  options: ServeOptions,
): Promise<RunningServer> {
  const eventStreams = new EventStreams()
  return new Promise((resolve, reject) => {
    let server: ServerType | undefined = undefined
    let connections: Connections | undefined = undefined
    const onError = (error: NodeJS.ErrnoException) => {
      reject(new ListenError(describeListenError(error, options)))
    }
    server = serve(
      {
        fetch: (request: Request, env: HttpBindings | Http2Bindings) =>
          answer(fetchHandler, request, env, eventStreams),
        hostname: options.host,
        port: options.port,
        serverOptions: {
          headersTimeout: options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS,
          requestTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
          // Node checks both timeouts on this period (30 s by default): checked each second, a
          // 10-second limit is not 40.
          connectionsCheckingInterval: 1000,
        },
      },
      (info: AddressInfo) => {
        server?.off('error', onError)
        const host = info.family === 'IPv6' ? `[${info.address}]` : info.address
        resolve({
          url: `http://${host}:${String(info.port)}`,
          host: info.address,
          port: info.port,
          close: (closeOptions = {}) => {
            const closed = connections?.close(closeOptions.idleGraceMs ?? 0) ?? Promise.resolve()
            eventStreams.endAll()
            return closed
          },
        })
      },
    )
    server.once('error', onError)
    connections = new Connections(server as HttpServer)
  })
}

/**
 * One request, answered by the app. `Response.error()` (status 0) is the app's "drop the
 * connection" (a QA lever): the socket is destroyed without a byte of answer, as a crashed upstream
 * or a reset connection would do; `x-hono-already-sent` tells @hono/node-server that nothing is
 * left to write. An event stream is remembered, so a shutdown can end it. An answer the app gives
 * synchronously is passed on as it is: @hono/node-server then writes it without a promise.
 */
function answer(
  fetchHandler: FetchHandler,
  request: Request,
  env: HttpBindings | Http2Bindings,
  eventStreams: EventStreams,
): Response | Promise<Response> {
  const response = fetchHandler(request, env)
  if (response instanceof Promise)
    return response.then((settled) => passOn(settled, request, env, eventStreams))
  return passOn(response, request, env, eventStreams)
}

function passOn(
  response: Response,
  request: Request,
  env: HttpBindings | Http2Bindings,
  eventStreams: EventStreams,
): Response {
  if (response.status === 0) {
    env.outgoing.destroy()
    return new Response(null, { headers: { 'x-hono-already-sent': '1' } })
  }
  if (EventStreams.mayBe(request, response)) eventStreams.add(env.outgoing)
  return response
}

/** Open `text/event-stream` responses, so a shutdown need not wait for clients to hang up. */
class EventStreams {
  readonly #open = new Set<(HttpBindings | Http2Bindings)['outgoing']>()

  /**
   * Only the control plane's `GET .../_standin/events` streams events. Asking any other response
   * for its headers would cost @hono/node-server a Headers object per request.
   */
  static mayBe(request: Request, response: Response): boolean {
    return (
      request.method === 'GET' &&
      request.url.includes('/_standin/events') &&
      response.headers.get('content-type')?.startsWith('text/event-stream') === true
    )
  }

  add(outgoing: (HttpBindings | Http2Bindings)['outgoing']): void {
    this.#open.add(outgoing)
    outgoing.once('close', () => this.#open.delete(outgoing))
  }

  endAll(): void {
    for (const outgoing of this.#open) outgoing.destroy()
    this.#open.clear()
  }
}

function describeListenError(error: NodeJS.ErrnoException, options: ServeOptions): string {
  const where = `${options.host}:${String(options.port)}`
  if (error.code === 'EADDRINUSE')
    return `Failed to start: ${where} is already in use. Choose another port with --port (0 takes a free one).`
  if (error.code === 'EACCES')
    return `Failed to start: no permission to listen on ${where}. Use a port above 1023.`
  if (error.code === 'EADDRNOTAVAIL')
    return `Failed to start: ${options.host} is not an address of this machine.`
  return `Failed to start on ${where}: ${error.message}`
}
