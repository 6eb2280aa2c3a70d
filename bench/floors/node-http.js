// @ts-check
/**
 * The bare node:http floor: the same JSON body as the hono floor, with nothing in between. It is
 * also the upstream the proxy cases forward to.
 */
import { createServer } from 'node:http'

const body = JSON.stringify({ status: 'ok', version: '0.0.0' })
const server = createServer((_req, res) => {
  res.writeHead(200, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  })
  res.end(body)
})
server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  process.stdout.write(`node:http listening on http://127.0.0.1:${String(port)}\n`)
})
