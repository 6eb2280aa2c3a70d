// @ts-check
/**
 * The proxy floor: `http-proxy` forwarding every request to the upstream named in argv[2], on a
 * free loopback port, with the same ready-line shape as standin.
 */
import { createServer } from 'node:http'
import httpProxy from 'http-proxy'

const target = process.argv[2]
if (target === undefined) throw new Error('usage: http-proxy.js UPSTREAM_URL')
const proxy = httpProxy.createProxyServer({
  target,
  agent: new (await import('node:http')).Agent({ keepAlive: true }),
})
proxy.on('error', (_error, _req, res) => {
  if ('writeHead' in res && !res.headersSent) res.writeHead(502)
  res.end()
})
const server = createServer((req, res) => {
  proxy.web(req, res)
})
server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  process.stdout.write(`http-proxy listening on http://127.0.0.1:${String(port)}\n`)
})
