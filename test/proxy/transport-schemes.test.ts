/**
 * The node:http transport speaks the scheme of the upstream's URL: plain HTTP to `http:`, TLS to
 * `https:` (whose client is loaded on first use). A raw TCP server on an ephemeral port records
 * the first bytes each connection sends: a TLS handshake record starts with byte 0x16, an HTTP
 * request with its method.
 */
import { createServer, type Server, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createHttpTransport } from '../../src/node/http-transport.js'
import { TransportError } from '../../src/proxy/transport.js'

/** A TLS record of type handshake (RFC 8446 §5.1): what a ClientHello starts with. */
const TLS_HANDSHAKE = 0x16

let server: Server | undefined
afterEach(() => {
  server?.close()
  server = undefined
})

/** Listens on 127.0.0.1; each connection's first chunk is recorded and the socket answered. */
async function rawServer(
  answer: (socket: Socket) => void,
): Promise<{ port: number; first: Buffer[] }> {
  const first: Buffer[] = []
  server = createServer((socket) => {
    socket.once('data', (chunk) => {
      first.push(chunk)
      answer(socket)
    })
  })
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  return { port: address.port, first }
}

describe('node:http transport schemes', () => {
  it('sends a plain HTTP request to an http: upstream', async () => {
    const { port, first } = await rawServer((socket) => {
      socket.end('HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok')
    })
    const http = createHttpTransport()
    try {
      const response = await http.transport({
        method: 'POST',
        url: `http://127.0.0.1:${String(port)}/api/`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new TextEncoder().encode('content=version'),
        timeoutMs: 5000,
      })
      expect(response.status).toBe(200)
      expect(new TextDecoder().decode(response.body as Uint8Array)).toBe('ok')
      expect(first[0]?.toString('latin1').startsWith('POST /api/ HTTP/1.1')).toBe(true)
    } finally {
      http.close()
    }
  })

  it('writes the head a client wrote, with the Host and the length of the body actually sent', async () => {
    const { port, first } = await rawServer((socket) => {
      socket.end('HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok')
    })
    const http = createHttpTransport()
    try {
      await http.transport({
        method: 'POST',
        url: `http://127.0.0.1:${String(port)}/api/?a=b'c`,
        // The client's length is of its own body, not of the one with the real credential.
        headers: { 'content-type': 'text/plain', 'content-length': '99', via: '1.1 standin-x' },
        body: new TextEncoder().encode('token=real'),
        timeoutMs: 5000,
      })
      expect(first[0]?.toString('latin1')).toBe(
        [
          'POST /api/?a=b%27c HTTP/1.1',
          'content-type: text/plain',
          'content-length: 10',
          'via: 1.1 standin-x',
          `Host: 127.0.0.1:${String(port)}`,
          'Connection: keep-alive',
          '',
          'token=real',
        ].join('\r\n'),
      )
    } finally {
      http.close()
    }
  })

  it('opens TLS to an https: upstream, in any case of the scheme', async () => {
    const { port, first } = await rawServer((socket) => socket.destroy())
    const http = createHttpTransport()
    try {
      for (const scheme of ['https', 'HTTPS']) {
        const sent = http.transport({
          method: 'GET',
          url: `${scheme}://127.0.0.1:${String(port)}/api/`,
          headers: {},
          body: null,
          timeoutMs: 5000,
        })
        await expect(sent).rejects.toBeInstanceOf(TransportError)
      }
      expect(first.map((chunk) => chunk[0])).toEqual([TLS_HANDSHAKE, TLS_HANDSHAKE])
    } finally {
      http.close()
    }
  })

  it('sends again on a fresh connection when a kept-alive one turns out closed, unless the body streamed', async () => {
    // Each connection answers its first request and drops at its second, as an upstream that
    // closed an idle connection does.
    let connections = 0
    server = createServer((socket) => {
      const id = ++connections
      let seen = 0
      socket.on('data', () => {
        if (++seen > 1) socket.destroy()
        else
          socket.write(
            `HTTP/1.1 200 OK\r\ncontent-length: 1\r\nkeep-alive: timeout=60\r\n\r\n${String(id)}`,
          )
      })
    })
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
    const address = server.address()
    if (address === null || typeof address === 'string') throw new Error('no port')
    const url = `http://127.0.0.1:${String(address.port)}/api/`
    const http = createHttpTransport()
    const text = (body: unknown) => new TextDecoder().decode(body as Uint8Array)
    try {
      const post = (body: Uint8Array | ReadableStream<Uint8Array>) =>
        http.transport({ method: 'POST', url, headers: {}, body, timeoutMs: 5000 })
      expect(text((await post(new Uint8Array([1]))).body)).toBe('1')
      expect(text((await post(new Uint8Array([2]))).body)).toBe('2')
      const streamed = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new Uint8Array([3]))
          controller.close()
        },
      })
      await expect(post(streamed)).rejects.toBeInstanceOf(TransportError)
      expect(connections).toBe(2)
    } finally {
      http.close()
    }
  })
})
