/**
 * A server's connections, tracked so a shutdown resets no request it accepted:
 * - it stops listening at once (through `net.Server`'s close: Node's `http.Server.close()` also
 *   drops idle keep-alive connections at that instant, resetting any request a client was sending
 *   on one);
 * - every response in flight, and every request still arriving on an open connection, is answered
 *   in full with `Connection: close`, so its client sends nothing more there;
 * - a connection idle for `idleGraceMs` is closed: a client that has sent nothing for that long
 *   meets the same race as with any keep-alive timeout, which HTTP clients expect.
 */
import type { Server as HttpServer, IncomingMessage, ServerResponse } from 'node:http'
import { Server as NetServer, type Socket } from 'node:net'

export class Connections {
  /** Connections with nothing in flight, and since when (`performance.now()`). */
  readonly #idleSince = new Map<Socket, number>()
  /** Responses not yet finished, per connection. */
  readonly #busy = new Map<Socket, number>()
  readonly #responses = new Set<ServerResponse>()
  #closing = false

  constructor(private readonly server: HttpServer) {
    server.on('connection', (socket: Socket) => {
      this.#idleSince.set(socket, performance.now())
      socket.once('close', () => {
        this.#idleSince.delete(socket)
        this.#busy.delete(socket)
      })
    })
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      this.#started(req.socket, res)
    })
  }

  /** Stops listening and resolves once every connection has closed. */
  close(idleGraceMs: number): Promise<void> {
    this.#closing = true
    for (const res of this.#responses) endKeepAlive(res)
    return new Promise((resolve) => {
      const sweep = () => {
        const cutoff = performance.now() - idleGraceMs
        for (const [socket, since] of this.#idleSince) if (since <= cutoff) socket.destroy()
      }
      sweep()
      const timer = setInterval(sweep, Math.min(250, Math.max(25, idleGraceMs / 4)))
      timer.unref()
      NetServer.prototype.close.call(this.server, () => {
        clearInterval(timer)
        resolve()
      })
    })
  }

  #started(socket: Socket, res: ServerResponse): void {
    if (this.#closing) endKeepAlive(res)
    this.#idleSince.delete(socket)
    this.#busy.set(socket, (this.#busy.get(socket) ?? 0) + 1)
    this.#responses.add(res)
    res.once('close', () => {
      this.#responses.delete(res)
      const left = (this.#busy.get(socket) ?? 1) - 1
      if (left > 0) {
        this.#busy.set(socket, left)
        return
      }
      this.#busy.delete(socket)
      if (!socket.destroyed) this.#idleSince.set(socket, performance.now())
    })
  }
}

/** The answer still goes out in full; only the connection closes after it. */
function endKeepAlive(res: ServerResponse): void {
  if (!res.headersSent) res.setHeader('connection', 'close')
}
