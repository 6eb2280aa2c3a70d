import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStandin, type StartedStandin } from '../../src/testing/index.js'

const LIMIT = 100
const TOKEN = 'ABCDEF0123456789ABCDEF0123456789'
const REAL_TOKEN = '0123456789ABCDEF0123456789ABCDEF'
const REAL_TOKEN_VAR = 'STANDIN_TEST_REAL_REDCAP_TOKEN'

let s: StartedStandin
beforeAll(async () => {
  s = await startStandin({ scenario: 'default', config: { bodyLimitBytes: LIMIT } })
})
afterAll(async () => {
  await s.close()
})

/** A REDCap API POST sent either with a content-length or chunked (no length known up front). */
function post(body: string, framing: 'length' | 'chunked', base = s.url) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const headers: Record<string, string | number> = {
      'content-type': 'application/x-www-form-urlencoded',
    }
    if (framing === 'length') headers['content-length'] = Buffer.byteLength(body)
    const req = request(new URL('/redcap/api/', base), { method: 'POST', headers })
    req.on('error', reject)
    req.on('response', (res) => {
      let text = ''
      res.on('data', (chunk: Buffer) => (text += chunk.toString()))
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body: text })
      })
    })
    if (framing === 'chunked') {
      // Two writes before end: node frames the body as chunks and sends no content-length.
      req.write(body.slice(0, 10))
      req.end(body.slice(10))
    } else req.end(body)
  })
}

const small = `token=${TOKEN}&content=version&format=json`
const large = `${small}&padding=${'x'.repeat(LIMIT)}`

describe('the request body limit over HTTP', () => {
  it.each(['length', 'chunked'] as const)('passes a body under the limit (%s)', async (framing) => {
    expect(small.length).toBeLessThan(LIMIT)
    expect(await post(small, framing)).toEqual({ status: 200, body: expect.any(String) as string })
  })

  it.each(['length', 'chunked'] as const)(
    'answers a body over the limit in the provider envelope (%s)',
    async (framing) => {
      const answer = await post(large, framing)
      expect(answer.status).toBe(413)
      expect(answer.body).not.toContain('Payload Too Large')
      expect(await s.control.requests({ limit: 1 })).toMatchObject([
        { provider: 'redcap', status: 413 },
      ])
    },
  )
})

describe('the request body limit on a proxied route', () => {
  const received: string[] = []
  let upstream: Server
  let proxied: StartedStandin
  beforeAll(async () => {
    upstream = createServer((req, res) => {
      let body = ''
      req.on('data', (chunk: Buffer) => (body += chunk.toString()))
      req.on('end', () => {
        received.push(body)
        res.writeHead(200, { 'content-type': 'application/json' }).end('"15.0.0"')
      })
    })
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve))
    const { port } = upstream.address() as AddressInfo
    process.env[REAL_TOKEN_VAR] = REAL_TOKEN
    proxied = await startStandin({
      scenario: 'default',
      config: {
        bodyLimitBytes: LIMIT,
        routes: [{ provider: 'redcap', path: '/api/', mode: 'proxy' }],
        upstreams: { redcap: { url: `http://127.0.0.1:${String(port)}` } },
        credentials: { redcap: { token: { env: REAL_TOKEN_VAR } } },
      },
    })
  })
  afterAll(async () => {
    await proxied.close()
    upstream.close()
    Reflect.deleteProperty(process.env, REAL_TOKEN_VAR)
  })

  it.each(['length', 'chunked'] as const)(
    'forwards a body under the limit with the real token swapped in (%s)',
    async (framing) => {
      received.length = 0
      expect(await post(small, framing, proxied.url)).toEqual({ status: 200, body: '"15.0.0"' })
      expect(received).toEqual([small.replace(TOKEN, REAL_TOKEN)])
    },
  )

  it.each(['length', 'chunked'] as const)(
    'answers a body over the limit without calling the upstream (%s)',
    async (framing) => {
      received.length = 0
      expect((await post(large, framing, proxied.url)).status).toBe(413)
      expect(received).toEqual([])
    },
  )
})
