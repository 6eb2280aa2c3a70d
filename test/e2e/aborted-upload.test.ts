import { connect } from 'node:net'
import { afterAll, describe, expect, it } from 'vitest'
import type { JournalEntry } from '../../src/core/journal.js'
import { serveApp, type RunningServer } from '../../src/node/serve.js'
import { providers } from '../../src/providers/index.js'
import { createTestStandin } from '../../src/testing/index.js'

const t = await createTestStandin({ providers, scenario: 'default' })
const servers: RunningServer[] = []
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()))
})

/** Sends the head and the first bytes of a body, then closes the socket without reading. */
async function abortUpload(port: number, path: string, framing: string, first: string) {
  const socket = connect(port, '127.0.0.1')
  await new Promise((resolve) => socket.once('connect', resolve))
  socket.write(
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
      `Content-Type: application/x-www-form-urlencoded\r\n${framing}\r\n\r\n${first}`,
  )
  // Let the server start reading before the client gives up.
  await new Promise((resolve) => setTimeout(resolve, 50))
  socket.destroy()
}

async function journalFor(path: string, count: number): Promise<JournalEntry[]> {
  for (let i = 0; i < 200; i++) {
    const entries = t.world.journal.list().filter((e) => e.path === path)
    if (entries.length >= count) return entries
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  throw new Error(`no journal entry for ${path}`)
}

describe('a client that aborts its upload', () => {
  it.each([
    ['/redcap/api/', 'token=ABCDEF0123456789'],
    ['/redox/v2/auth/token', 'grant_type=client_credentials&client_assertion='],
    ['/epicollect/api/oauth/token', 'grant_type=client_credentials&client_id=153'],
  ])(
    'is journaled on %s as aborted, with no status, however its body was framed',
    async (path, first) => {
      const server = await serveApp(t.app.fetch, { host: '127.0.0.1', port: 0 })
      servers.push(server)
      await abortUpload(server.port, path, 'Content-Length: 100000', first)
      await abortUpload(
        server.port,
        path,
        'Transfer-Encoding: chunked',
        `${first.length.toString(16)}\r\n${first}\r\n`,
      )
      const entries = await journalFor(path, 2)
      for (const entry of entries) {
        expect(entry).toMatchObject({
          status: 0,
          outcome: 'aborted',
          why: 'the client closed the connection before it was answered',
        })
      }
      // The next client on the same server is answered as usual.
      const answer = await fetch(`${server.url}/_standin/health`)
      expect(answer.status).toBe(200)
    },
  )

  it('leaves a request that was answered journaled with the status it was sent', async () => {
    const server = await serveApp(t.app.fetch, { host: '127.0.0.1', port: 0 })
    servers.push(server)
    const response = await fetch(`${server.url}/redcap/api/`, {
      method: 'POST',
      body: new URLSearchParams({ token: 'ABCDEF0123456789ABCDEF0123456789', content: 'version' }),
    })
    expect(response.status).toBe(200)
    const [entry] = t.world.journal.list()
    expect(entry).toMatchObject({ path: '/redcap/api/', status: 200, outcome: 'ok' })
  })
})
