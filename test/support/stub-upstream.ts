/**
 * A local stand-in for a real upstream on 127.0.0.1: records what it receives, answers as the test
 * says. `raw` handlers see the request before its body is read (streaming tests).
 */
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http'
import type { AddressInfo } from 'node:net'

export interface StubRequest {
  readonly method: string
  readonly url: string
  readonly headers: IncomingHttpHeaders
  readonly body: Buffer
}

export interface Stub {
  readonly url: string
  readonly requests: StubRequest[]
  close(): Promise<void>
}

type Handler = (request: StubRequest, res: ServerResponse) => void | Promise<void>
type RawHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>

export function startStub(handler: Handler): Promise<Stub> {
  const requests: StubRequest[] = []
  return listen(requests, async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const request = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: Buffer.concat(chunks),
    }
    requests.push(request)
    await handler(request, res)
  })
}

export function startRawStub(handler: RawHandler): Promise<Stub> {
  return listen([], handler)
}

function listen(requests: StubRequest[], handler: RawHandler): Promise<Stub> {
  const server = createServer((req, res) => {
    Promise.resolve(handler(req, res)).catch((error: unknown) => {
      res.statusCode = 500
      res.end(String(error))
    })
  })
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      resolve({
        url: `http://127.0.0.1:${String(port)}`,
        requests,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections()
            server.close(() => {
              done()
            })
          }),
      })
    })
  })
}

export function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  type = 'application/json',
): void {
  res.writeHead(status, { 'content-type': type })
  res.end(JSON.stringify(body))
}
