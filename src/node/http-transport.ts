/**
 * The proxy transport over node:http and node:https: on Node 20 about three times faster than
 * `fetch` for this work. Connections are kept alive and reused; bodies stream with backpressure
 * (a small response of declared length is passed on whole); `timeoutMs` is an idle timeout (no
 * byte for that long), so a slow but steady media download is never cut while a silent upstream is.
 */
import http from 'node:http'
import type { IncomingMessage } from 'node:http'
import {
  TransportError,
  type Transport,
  type UpstreamRequest,
  type UpstreamResponse,
} from '../proxy/transport.js'

/**
 * A body of declared length up to this size is passed on whole: one write to the client instead of
 * a flushed head and a stream. Anything larger, or of unknown length, streams.
 */
const SMALL_BODY_BYTES = 64 * 1024

export interface HttpTransport {
  readonly transport: Transport
  /** Closes idle kept-alive connections. */
  close(): void
}

/** One scheme's client: its `request` and the kept-alive agent it sends through. */
interface Client {
  readonly request: typeof http.request
  readonly agent: http.Agent
}

const AGENT_OPTIONS: http.AgentOptions = { keepAlive: true, maxSockets: 256 }

export function createHttpTransport(): HttpTransport {
  const plain: Client = { request: http.request, agent: new http.Agent(AGENT_OPTIONS) }
  // node:https (and TLS with it) is loaded by the first https upstream: a start, and every
  // plain-HTTP upstream, never needs it.
  let secure: Promise<Client> | undefined
  const secureClient = () =>
    (secure ??= import('node:https').then((https) => ({
      request: https.request,
      agent: new https.Agent(AGENT_OPTIONS),
    })))
  return {
    transport: (request) =>
      // Most upstreams in development are plain HTTP: those ask for no promise beyond the answer.
      /^https:/i.test(request.url)
        ? secureClient().then((client) => send(request, client, true))
        : send(request, plain, true),
    close: () => {
      plain.agent.destroy()
      void secure?.then((client) => {
        client.agent.destroy()
      })
    },
  }
}

/**
 * One exchange. `retry`: a kept-alive connection the upstream closed while idle fails at once; it
 * is tried once more on a fresh connection when the body can be sent again.
 */
function send(request: UpstreamRequest, client: Client, retry: boolean): Promise<UpstreamResponse> {
  return new Promise((resolve, reject) => {
    const target = targetOf(request.url)
    const { body } = request
    const outgoing = client.request({
      protocol: target.protocol,
      hostname: target.hostname,
      port: target.port,
      path: target.path,
      method: request.method,
      headers:
        body instanceof Uint8Array
          ? headerList(request.headers, target.host, body)
          : request.headers,
      agent: client.agent,
      // Armed on the socket the agent hands over, and disarmed when it goes back to the pool.
      timeout: request.timeoutMs,
    })
    let answered = false
    let timeout: TransportError | undefined
    outgoing.on('timeout', () => {
      const reason = answered ? 'stalled mid-body for' : 'gave no answer within'
      timeout = new TransportError('timeout', `upstream ${reason} ${String(request.timeoutMs)} ms`)
      outgoing.destroy(timeout)
    })
    // Every listener here is on objects of this exchange alone, so none needs `once`.
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      if (error instanceof TransportError) reject(error)
      else if (!answered && outgoing.reusedSocket && error.code === 'ECONNRESET') {
        if (retry && !(body instanceof ReadableStream)) resolve(send(request, client, false))
        else reject(new TransportError('connection', error.message))
      } else reject(new TransportError('connection', error.message))
    })
    outgoing.on('response', (incoming) => {
      answered = true
      const status = incoming.statusCode ?? 502
      const length = Number(incoming.headers['content-length'] ?? Number.NaN)
      if (!(length <= SMALL_BODY_BYTES)) {
        resolve({ status, headers: incoming.headers, body: webStreamOf(incoming) })
        return
      }
      const chunks: Buffer[] = []
      let ended = false
      const fail = () => {
        reject(timeout ?? new TransportError('connection', 'upstream closed mid-body'))
      }
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
      incoming.on('end', () => {
        ended = true
        const whole = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)
        resolve({ status, headers: incoming.headers, body: whole ?? new Uint8Array(0) })
      })
      incoming.on('error', fail)
      incoming.on('close', () => {
        if (!ended) fail()
      })
    })
    writeBody(outgoing, body)
  })
}

/** Where a request goes, as `http.request` takes it, and the `Host` header Node would send. */
interface Target {
  readonly protocol: string
  readonly hostname: string
  readonly port: string
  readonly host: string
  readonly path: string
}

/**
 * Targets by the whole URL, each parsed once: an app asks for few distinct ones. Ids in paths and
 * queries are unbounded, so past this many the memory starts over.
 */
const targets = new Map<string, Target>()
const MAX_TARGETS = 1024

function targetOf(url: string): Target {
  let target = targets.get(url)
  if (target === undefined) {
    const parsed = new URL(url)
    target = {
      protocol: parsed.protocol,
      hostname: parsed.hostname.replace(/^\[|\]$/g, ''),
      port: parsed.port,
      host: parsed.host,
      path: `${parsed.pathname}${parsed.search}`,
    }
    if (targets.size >= MAX_TARGETS) targets.clear()
    targets.set(url, target)
  }
  return target
}

/**
 * The headers of a request with a body in hand, as the list Node writes out at once: the same
 * lines, in the same order, as setting each one would give (`Host` after the request's own,
 * `content-length` in its place or last), without Node keeping a header table for the request.
 */
function headerList(
  headers: Readonly<Record<string, string>>,
  host: string,
  body: Uint8Array,
): string[] {
  const list: string[] = []
  const length = String(body.length)
  let sized = false
  let hosted = false
  for (const name in headers) {
    if (name === 'content-length') {
      list.push(name, length)
      sized = true
      continue
    }
    if (name === 'host') hosted = true
    list.push(name, headers[name] as string)
  }
  if (!hosted) list.push('Host', host)
  if (!sized) list.push('content-length', length)
  return list
}

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
