import { request } from 'node:http'
import { describe, expect, it } from 'vitest'
import { createTestStandin, startStandin } from '../../src/testing/index.js'

async function post(
  t: { request: (p: string, i?: RequestInit) => Promise<Response> },
  path: string,
  body: string,
) {
  const response = await t.request(path, { method: 'POST', body })
  return { status: response.status, body: (await response.json()) as unknown }
}

describe('control-plane bounds', () => {
  it('refuses a session past maxSessions with 409 in the control envelope', async () => {
    const t = await createTestStandin({ scenario: { providers: {} }, config: { maxSessions: 2 } })
    const first = await post(t, '/_standin/sessions', '{}')
    expect((await post(t, '/_standin/sessions', '{}')).status).toBe(201)
    expect(await post(t, '/_standin/sessions', '{}')).toEqual({
      status: 409,
      body: {
        error: {
          code: 'conflict',
          message:
            'Failed to create a session: 2 are open, the most this standin keeps (maxSessions in the config file). Delete one with DELETE /_standin/sessions/{id}, or let idle ones end.',
        },
      },
    })
    const { id } = first.body as { id: string }
    expect((await t.request(`/_standin/sessions/${id}`, { method: 'DELETE' })).status).toBe(200)
    expect((await post(t, '/_standin/sessions', '{}')).status).toBe(201)
  })

  it('gives session ids no seed predicts: the same seed twice gives different ids', async () => {
    const ids: string[] = []
    for (let i = 0; i < 2; i++) {
      const t = await createTestStandin({ scenario: { providers: {} }, seed: 'fixed' })
      ids.push(((await post(t, '/_standin/sessions', '{}')).body as { id: string }).id)
    }
    expect(ids[0]).toMatch(/^[0-9a-f]{32}$/)
    expect(ids[1]).not.toBe(ids[0])
  })

  it('refuses a control body over controlBodyLimitBytes with 413, declared or chunked', async () => {
    const t = await createTestStandin({
      scenario: { providers: {} },
      config: { controlBodyLimitBytes: 1000 },
    })
    const big = JSON.stringify({ name: 'x', description: 'y'.repeat(2000) })
    const message =
      "Failed to read the request body: it is over 1000 bytes, the control plane's limit (controlBodyLimitBytes in the config file)."
    expect(await post(t, '/_standin/scenario', big)).toEqual({
      status: 413,
      body: { error: { code: 'payload_too_large', message } },
    })
    const s = await startStandin({ config: { controlBodyLimitBytes: 1000 } })
    try {
      const session = await s.control.sessions.create()
      for (const url of [`${s.url}/_standin/scenario`, `${session.baseUrl}/_standin/scenario`]) {
        const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
          const req = request(url, { method: 'POST', headers: { 'transfer-encoding': 'chunked' } })
          req.on('error', reject)
          req.on('response', (res) => {
            let body = ''
            res.on('data', (chunk: Buffer) => (body += chunk.toString()))
            res.on('end', () => {
              resolve({ status: res.statusCode ?? 0, body })
            })
          })
          for (let i = 0; i < 4; i++) req.write(big.slice(i * 600, (i + 1) * 600))
          req.end()
        })
        expect(answer.status).toBe(413)
        expect(JSON.parse(answer.body)).toEqual({ error: { code: 'payload_too_large', message } })
      }
    } finally {
      await s.close()
    }
  })

  it('pages GET /_standin/tokens and refuses a bad limit or cursor', async () => {
    const t = await createTestStandin({ scenario: 'default' })
    const all = (await (await t.request('/_standin/tokens?limit=5000')).json()) as {
      tokens: { id: string }[]
      next: string | null
    }
    expect(all.next).toBeNull()
    expect(all.tokens.length).toBeGreaterThan(2)
    const first = (await (await t.request('/_standin/tokens?limit=2')).json()) as typeof all
    expect(first.tokens.map((c) => c.id)).toEqual(all.tokens.slice(0, 2).map((c) => c.id))
    const rest = (await (
      await t.request(`/_standin/tokens?limit=5000&cursor=${String(first.next)}`)
    ).json()) as typeof all
    expect(rest.tokens.map((c) => c.id)).toEqual(all.tokens.slice(2).map((c) => c.id))
    for (const query of ['limit=0', 'limit=5001', 'limit=x', 'cursor=-1', 'cursor=abc']) {
      expect((await t.request(`/_standin/tokens?${query}`)).status).toBe(400)
    }
  })
})
