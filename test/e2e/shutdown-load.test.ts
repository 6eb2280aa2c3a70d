/**
 * SIGTERM under load: 100 keep-alive clients call standin in a loop, the signal lands mid-load,
 * and each client goes on until a call fails. Every call must get a whole answer, or fail to
 * connect at all (the server had stopped listening): never a reset or a cut answer on a
 * connection the server had accepted.
 */
import { Agent, request } from 'node:http'
import { connect } from 'node:net'
import { describe, expect, it } from 'vitest'
import { createStandin } from '../../src/node/create.js'
import { serveApp } from '../../src/node/serve.js'
import { exitOf, spawnStandin } from '../support/cli.js'

type Outcome =
  | { readonly kind: 'answer' }
  | { readonly kind: 'error'; readonly code: string; readonly cut: boolean }

const EXPORT = 'token=ABCDEF0123456789ABCDEF0123456789&content=record&format=json'

/**
 * A REDCap record export, real work per call, so request bytes wait in the server's sockets while
 * it is busy: when a careless close resets them.
 */
function call(agent: Agent, url: string, id: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = request(`${url}/redcap/api/`, {
      agent,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-call': String(id) },
    })
    req.on('error', (error: NodeJS.ErrnoException) => {
      resolve({ kind: 'error', code: error.code ?? error.message, cut: false })
    })
    req.on('response', (res) => {
      let body = ''
      res.on('data', (chunk: Buffer) => (body += chunk.toString()))
      res.on('error', (error: NodeJS.ErrnoException) => {
        resolve({ kind: 'error', code: error.code ?? error.message, cut: true })
      })
      res.on('end', () => {
        const whole = res.statusCode === 200 && body.startsWith('[{') && body.endsWith('}]')
        resolve(whole ? { kind: 'answer' } : { kind: 'error', code: `bad: ${body}`, cut: true })
      })
    })
    req.end(EXPORT)
  })
}

/** 100 keep-alive clients calling in a loop until a call fails; `stop` runs once load is up. */
async function load(url: string, stop: () => void) {
  const agent = new Agent({ keepAlive: true, maxSockets: 100 })
  let next = 0
  let stopped = false
  const answered = new Set<number>()
  const failed = new Map<number, Outcome>()
  let answeredAfterStop = 0
  const client = async () => {
    for (;;) {
      const id = next++
      const outcome = await call(agent, url, id)
      if (outcome.kind === 'error') {
        failed.set(id, outcome)
        return
      }
      answered.add(id)
      if (stopped) answeredAfterStop++
    }
  }
  const clients = Array.from({ length: 100 }, client)
  // Load first, so every client holds a keep-alive connection when the server closes.
  while (answered.size < 1500 && failed.size === 0) {
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  const failedBeforeStop = [...failed.values()]
  stopped = true
  stop()
  await Promise.all(clients)
  agent.destroy()
  return { answered, failed, failedBeforeStop, answeredAfterStop }
}

describe('shutdown under load', () => {
  it('answers in full every request it accepted, with 100 keep-alive clients', async () => {
    const standin = await createStandin({ scenario: 'default' })
    const accepted = new Set<number>()
    const server = await serveApp(
      (request) => {
        accepted.add(Number(request.headers.get('x-call')))
        return standin.fetch(request)
      },
      { host: '127.0.0.1', port: 0 },
    )
    let closed: Promise<void> = Promise.resolve()
    const run = await load(server.url, () => {
      closed = server.close({ idleGraceMs: 1000 })
    })
    await closed
    expect(run.failedBeforeStop).toEqual([])
    expect(run.answeredAfterStop).toBeGreaterThan(0)
    const resetAfterAcceptance = [...run.failed].filter(([id]) => accepted.has(id))
    expect(resetAfterAcceptance).toEqual([])
    expect([...accepted].filter((id) => !run.answered.has(id))).toEqual([])
  }, 60_000)

  it('exits 0 on SIGTERM mid-load, cutting no answer', async () => {
    const standin = await spawnStandin([])
    const run = await load(standin.url, () => standin.child.kill('SIGTERM'))
    expect(run.failedBeforeStop).toEqual([])
    expect(run.answeredAfterStop).toBeGreaterThan(0)
    expect([...run.failed.values()].filter((f) => f.kind === 'error' && f.cut)).toEqual([])
    expect(await exitOf(standin.child)).toBe(0)
  }, 60_000)
})

describe('server timeouts', () => {
  it('answers 408 to a client that never finishes its headers, after headersTimeoutMs', async () => {
    const server = await serveApp(() => new Response('never reached'), {
      host: '127.0.0.1',
      port: 0,
      headersTimeoutMs: 300,
    })
    try {
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(server.port, '127.0.0.1', () => {
          socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n')
        })
        let text = ''
        socket.on('data', (chunk: Buffer) => (text += chunk.toString()))
        socket.on('close', () => {
          resolve(text)
        })
        socket.on('error', reject)
      })
      expect(answer).toMatch(/^HTTP\/1\.1 408 /)
    } finally {
      await server.close()
    }
  }, 20_000)
})
