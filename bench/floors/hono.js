// @ts-check
/**
 * The bare hono floor: one JSON route on @hono/node-server, started the way standin starts
 * (loopback, a free port, one ready line on stdout).
 */
import { serve } from '@hono/node-server'
import { Hono } from 'hono'

const app = new Hono()
app.get('/json', (c) => c.json({ status: 'ok', version: '0.0.0' }))
serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
  process.stdout.write(`hono listening on http://127.0.0.1:${String(info.port)}\n`)
})
