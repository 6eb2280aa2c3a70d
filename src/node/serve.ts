/**
 * The Node edge: @hono/node-server on a real socket, loopback by default, closed gracefully
 * (in-flight responses finish, idle keep-alive connections are dropped).
 */
import { serve, type ServerType } from '@hono/node-server'
import type { ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ServeOptions {
  readonly host: string
  readonly port: number
}

export interface RunningServer {
  readonly url: string
  readonly host: string
  readonly port: number
  close(): Promise<void>
}

export class ListenError extends Error {
  override readonly name = 'ListenError'
}

export function serveApp(
  fetchHandler: (request: Request) => Response | Promise<Response>,
  options: ServeOptions,
): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    let server: ServerType | undefined = undefined
    const onError = (error: NodeJS.ErrnoException) => {
      reject(new ListenError(describeListenError(error, options)))
    }
    server = serve(
      { fetch: fetchHandler, hostname: options.host, port: options.port },
      (info: AddressInfo) => {
        server?.off('error', onError)
        const host = info.family === 'IPv6' ? `[${info.address}]` : info.address
        resolve({
          url: `http://${host}:${String(info.port)}`,
          host: info.address,
          port: info.port,
          close: () => closeServer(server),
        })
      },
    )
    server.once('error', onError)
    trackResponses(server)
  })
}

/** Responses not yet finished, per server, so a shutdown can tell their clients not to reuse the connection. */
const inFlight = new WeakMap<ServerType, Set<ServerResponse>>()
const closing = new WeakSet<ServerType>()

function trackResponses(server: ServerType): void {
  const responses = new Set<ServerResponse>()
  inFlight.set(server, responses)
  server.on('request', (_req: unknown, res: ServerResponse) => {
    if (closing.has(server)) endKeepAlive(res)
    responses.add(res)
    res.once('close', () => responses.delete(res))
  })
}

/** The answer still goes out in full; only the connection closes after it. */
function endKeepAlive(res: ServerResponse): void {
  if (!res.headersSent) res.setHeader('connection', 'close')
}

function closeServer(server: ServerType | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!server) {
      resolve()
      return
    }
    closing.add(server)
    for (const res of inFlight.get(server) ?? []) endKeepAlive(res)
    server.close(() => {
      resolve()
    })
    if ('closeIdleConnections' in server) server.closeIdleConnections()
  })
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
