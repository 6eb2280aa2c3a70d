/**
 * SIGTERM under load: 100 keep-alive clients call standin in a loop, the signal lands mid-load,
 * and each client goes on until a call fails. Every call must get a whole answer, or fail to
 * connect at all (the server had stopped listening): never a reset or a cut answer on a
 * connection the server had accepted.
 */
import { Agent, request } from 'node:http'
import { connect } from 'node:net'
import { describe, expect, it } from 'vitest'
import { serveApp } from '../../src/node/serve.js'
import { exitOf, spawnStandin } from '../support/cli.js'

type Outcome = { kind: 'answer'; afterSignal: boolean } | { kind: 'error'; code: string }

function call(agent: Agent, url: string): Promise<Outcome & { close?: boolean }> {
  return new Promise((resolve) => {
    // A REDCap record export: real work per call, so request bytes wait in the server's sockets
    // while it is busy, which is when a careless close resets them.
    const req = request(`${url}/redcap/api/`, {
      agent,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    req.on('error', (error: NodeJS.ErrnoException) => {
      resolve({ kind: 'error', code: error.code ?? error.message })
    })
    req.on('response', (res) => {
      let body = ''
      res.on('data', (chunk: Buffer) => (body += chunk.toString()))
      res.on('error', (error: NodeJS.ErrnoException) => {
        resolve({ kind: 'error', code: `cut answer: ${error.code ?? error.message}` })
      })
      res.on('end', () => {
        const whole = res.statusCode === 200 && body.startsWith('[{') && body.endsWith('}]')
        resolve(
          whole ? { kind: 'answer', afterSignal: false } : { kind: 'error', code: `bad ${body}` },
        )
      })
    })
    req.end('token=ABCDEF0123456789ABCDEF0123456789&content=record&format=json')
  })
}

describe('shutdown under load', () => {
  it('answers every accepted request in full after SIGTERM, with 100 keep-alive clients', async () => {
    const standin = await spawnStandin([])
    const agent = new Agent({ keepAlive: true, maxSockets: 100 })
    let signalled = false
    const failures: string[] = []
    let answered = 0
    let answeredAfterSignal = 0
    const client = async () => {
      for (;;) {
        const outcome = await call(agent, standin.url)
        if (outcome.kind === 'answer') {
          answered++
          if (signalled) answeredAfterSignal++
          continue
        }
        if (outcome.code !== 'ECONNREFUSED') failures.push(outcome.code)
        if (!signalled) failures.push(`before the signal: ${outcome.code}`)
        return
      }
    }
    const clients = Array.from({ length: 100 }, client)
    // Load first, so every client holds a keep-alive connection when the signal lands.
    while (answered < 2000) await new Promise((resolve) => setTimeout(resolve, 20))
    signalled = true
    standin.child.kill('SIGTERM')
    await Promise.all(clients)
    agent.destroy()
    expect(failures).toEqual([])
    expect(answeredAfterSignal).toBeGreaterThan(0)
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
