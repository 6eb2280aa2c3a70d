import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStandin, type StartedStandin } from '../../src/testing/index.js'

const LIMIT = 100
const TOKEN = 'ABCDEF0123456789ABCDEF0123456789'

let s: StartedStandin
beforeAll(async () => {
  s = await startStandin({ scenario: 'default', config: { bodyLimitBytes: LIMIT } })
})
afterAll(async () => {
  await s.close()
})

/** A REDCap API POST sent either with a content-length or chunked (no length known up front). */
function post(body: string, framing: 'length' | 'chunked') {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const headers: Record<string, string | number> = {
      'content-type': 'application/x-www-form-urlencoded',
    }
    if (framing === 'length') headers['content-length'] = Buffer.byteLength(body)
    const req = request(new URL('/redcap/api/', s.url), { method: 'POST', headers })
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
