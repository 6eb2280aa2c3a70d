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

/** One connection: how many of its responses are unfinished, and since when it has been idle. */
interface Connection {
  busy: number
  /** `performance.now()` when its last response finished; meaningless while busy. */
  idleSince: number
}

export class Connections {
  /**
   * Every open connection, entered once when it opens: a request only updates its entry, so the
   * table does not churn with every request on a kept-alive connection.
   */
  readonly #open = new Map<Socket, Connection>()
  readonly #responses = new Set<ServerResponse>()
  #closing = false

  constructor(private readonly server: HttpServer) {
    server.on('connection', (socket: Socket) => {
      this.#track(socket)
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
        for (const [socket, connection] of this.#open)
          if (connection.busy === 0 && connection.idleSince <= cutoff) socket.destroy()
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
    const connection = this.#open.get(socket) ?? this.#track(socket)
    connection.busy++
    this.#responses.add(res)
    // A response closes once, so a plain listener does.
    res.on('close', () => {
      this.#responses.delete(res)
      if (--connection.busy === 0) connection.idleSince = performance.now()
    })
  }

  #track(socket: Socket): Connection {
    const connection: Connection = { busy: 0, idleSince: performance.now() }
    this.#open.set(socket, connection)
    socket.once('close', () => {
      this.#open.delete(socket)
    })
    return connection
  }
}

/** The answer still goes out in full; only the connection closes after it. */
function endKeepAlive(res: ServerResponse): void {
  if (!res.headersSent) res.setHeader('connection', 'close')
}
