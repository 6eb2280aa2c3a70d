// @ts-check
/**
 * The proxy floor: `http-proxy` forwarding every request to the upstream named in argv[2], on a
 * free loopback port, with the same ready-line shape as standin. argv[3] `default` uses Node's
 * default agent (a new upstream connection per request) instead of a keep-alive one.
 */
import { Agent, createServer } from 'node:http'
import httpProxy from 'http-proxy'

const target = process.argv[2]
if (target === undefined) throw new Error('usage: http-proxy.js UPSTREAM_URL [keep-alive|default]')
const keepAlive = process.argv[3] !== 'default'
const proxy = httpProxy.createProxyServer({
  target,
  ...(keepAlive ? { agent: new Agent({ keepAlive: true }) } : {}),
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
