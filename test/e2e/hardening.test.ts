import { request, type IncomingMessage } from 'node:http'
import { describe, expect, it } from 'vitest'
import { exitOf, runBin, spawnStandin } from '../support/cli.js'

const TOKEN = 'e2e-admin-token-0123456789'

interface Answer {
  readonly status: number
  readonly body: string
  readonly connection: string | undefined
}

/**
 * Starts a POST whose body arrives in two parts: `sent` settles once the first part is on the
 * wire, `finish()` sends the rest, and `answer` settles when the response has arrived.
 */
function slowPost(url: string, path: string, first: string, rest: string) {
  const req = request(new URL(path, url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': first.length + rest.length },
  })
  const answer = new Promise<Answer>((resolve, reject) => {
    req.on('error', reject)
    req.on('response', (res: IncomingMessage) => {
      let body = ''
      res.on('data', (chunk: Buffer) => (body += chunk.toString()))
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection })
      })
    })
  })
  const sent = new Promise<void>((resolve) =>
    req.write(first, () => {
      resolve()
    }),
  )
  return { sent, answer, finish: () => req.end(rest) }
}

describe('hardening of the command', () => {
  it('refuses to bind a non-loopback address without an admin token, before listening', async () => {
    const run = runBin(['start', '--host', '0.0.0.0', '--port', '0'], {
      env: { STANDIN_ADMIN_TOKEN: '' },
    })
    expect(await run.exit).toBe(2)
    expect(run.stderr().trimEnd().split('\n')).toEqual([
      'standin: Failed to start: binding 0.0.0.0 would expose the control plane to other machines. Set an admin token with --admin-token or STANDIN_ADMIN_TOKEN, or bind 127.0.0.1.',
    ])
    expect(run.stdout()).toBe('')
  })

  it.each([
    ['--admin-token', ['--admin-token', TOKEN], {}],
    ['STANDIN_ADMIN_TOKEN', [], { STANDIN_ADMIN_TOKEN: TOKEN }],
  ])('demands the admin token set by %s on the control plane', async (_how, args, env) => {
    const standin = await spawnStandin(args, { env })
    try {
      expect((await fetch(`${standin.url}/_standin/health`)).status).toBe(200)
      const refused = await fetch(`${standin.url}/_standin/state`)
      expect(refused.status).toBe(401)
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
        'invalid_credentials',
      )
      const allowed = await fetch(`${standin.url}/_standin/state`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      })
      expect(allowed.status).toBe(200)
    } finally {
      await standin.stop()
    }
  })

  it('answers every in-flight request after SIGTERM, then exits 0', async () => {
    const standin = await spawnStandin([])
    const posts = Array.from({ length: 24 }, () =>
      slowPost(standin.url, '/_standin/clock', '{"adva', 'nce": 1}'),
    )
    await Promise.all(posts.map((p) => p.sent))
    // Let the server read the request heads, so each request is in flight when the signal lands.
    await new Promise((resolve) => setTimeout(resolve, 300))
    standin.child.kill('SIGTERM')
    await new Promise((resolve) => setTimeout(resolve, 300))
    for (const p of posts) p.finish()
    const finished = performance.now()
    const answers = await Promise.all(posts.map((p) => p.answer))
    for (const a of answers) {
      expect(a.status).toBe(200)
      expect(JSON.parse(a.body)).toEqual({ now: expect.any(String) as string, frozen: false })
      expect(a.connection).toBe('close')
    }
    expect(await exitOf(standin.child)).toBe(0)
    // Closing each connection after its answer lets the process go at once, not after the
    // 5-second keep-alive timeout or the 10-second drain limit.
    expect(performance.now() - finished).toBeLessThan(4000)
  })
})
