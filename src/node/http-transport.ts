/**
 * The proxy transport over node:http and node:https: on Node 20 about three times faster than
 * `fetch` for this work. Connections are kept alive and reused; both bodies stream with
 * backpressure; `timeoutMs` is an idle timeout (no byte for that long), so a slow but steady media
 * download is never cut while a silent upstream is.
 */
import http from 'node:http'
import https from 'node:https'
import type { IncomingMessage } from 'node:http'
import {
  TransportError,
  type Transport,
  type UpstreamRequest,
  type UpstreamResponse,
} from '../proxy/transport.js'

export interface HttpTransport {
  readonly transport: Transport
  /** Closes idle kept-alive connections. */
  close(): void
}

export function createHttpTransport(): HttpTransport {
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: 256 }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: 256 }),
  }
  return {
    transport: async (request) => {
      try {
        return await send(request, agents)
      } catch (error) {
        // A kept-alive connection the upstream closed while idle fails at once; one retry on a
        // fresh connection is safe when the body can be sent again.
        if (error instanceof StaleSocketError && !(request.body instanceof ReadableStream)) {
          return send(request, agents)
        }
        throw error
      }
    },
    close: () => {
      agents['http:'].destroy()
      agents['https:'].destroy()
    },
  }
}

function send(
  request: UpstreamRequest,
  agents: { 'http:': http.Agent; 'https:': https.Agent },
): Promise<UpstreamResponse> {
  return new Promise((resolve, reject) => {
    const url = new URL(request.url)
    const secure = url.protocol === 'https:'
    const headers: Record<string, string> = { ...request.headers }
    if (request.body instanceof Uint8Array) headers['content-length'] = String(request.body.length)
    const outgoing = (secure ? https : http).request({
      protocol: url.protocol,
      hostname: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port,
      path: `${url.pathname}${url.search}`,
      method: request.method,
      headers,
      agent: secure ? agents['https:'] : agents['http:'],
    })
    let answered = false
    outgoing.setTimeout(request.timeoutMs, () => {
      const reason = answered ? 'stalled mid-body for' : 'gave no answer within'
      outgoing.destroy(
        new TransportError('timeout', `upstream ${reason} ${String(request.timeoutMs)} ms`),
      )
    })
    outgoing.once('error', (error: NodeJS.ErrnoException) => {
      if (error instanceof TransportError) reject(error)
      else if (!answered && outgoing.reusedSocket && error.code === 'ECONNRESET') {
        reject(new StaleSocketError('connection', error.message))
      } else reject(new TransportError('connection', error.message))
    })
    outgoing.once('response', (incoming) => {
      answered = true
      resolve({
        status: incoming.statusCode ?? 502,
        headers: headersOf(incoming.rawHeaders),
        body: webStreamOf(incoming),
      })
    })
    const signal = request.signal
    if (signal) {
      const abort = () => outgoing.destroy(new TransportError('connection', 'client went away'))
      if (signal.aborted) abort()
      else signal.addEventListener('abort', abort, { once: true })
      outgoing.once('close', () => {
        signal.removeEventListener('abort', abort)
      })
    }
    writeBody(outgoing, request.body)
  })
}

class StaleSocketError extends TransportError {}

function writeBody(outgoing: http.ClientRequest, body: UpstreamRequest['body']): void {
  if (body === null) outgoing.end()
  else if (body instanceof Uint8Array) outgoing.end(body)
  else void pipeWebStream(body, outgoing)
}

async function pipeWebStream(
  body: ReadableStream<Uint8Array>,
  outgoing: http.ClientRequest,
): Promise<void> {
  const reader = body.getReader()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      if (!outgoing.write(value)) {
        await new Promise<void>((resolve) => {
          outgoing.once('drain', resolve)
          outgoing.once('close', resolve)
        })
      }
      if (outgoing.destroyed) break
    }
    outgoing.end()
  } catch (error) {
    outgoing.destroy(new TransportError('connection', `client body failed: ${String(error)}`))
  }
}

function headersOf(raw: readonly string[]): Headers {
  const headers = new Headers()
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i] ?? '', raw[i + 1] ?? '')
  return headers
}

/** The upstream body as a web stream that pauses the socket while the client is slow. */
function webStreamOf(incoming: IncomingMessage): ReadableStream<Uint8Array> {
  let finished = false
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        incoming.on('data', (chunk: Buffer) => {
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength))
          if ((controller.desiredSize ?? 0) <= 0) incoming.pause()
        })
        incoming.once('end', () => {
          finished = true
          controller.close()
        })
        incoming.once('error', (error) => {
          if (!finished) controller.error(error)
          finished = true
        })
        incoming.once('close', () => {
          if (!finished)
            controller.error(new TransportError('connection', 'upstream closed mid-body'))
          finished = true
        })
      },
      pull() {
        incoming.resume()
      },
      cancel() {
        finished = true
        incoming.destroy()
      },
    },
    { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength },
  )
}
