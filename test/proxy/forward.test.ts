import { request } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { serveApp, type RunningServer } from '../../src/node/serve.js'
import type { TestStandin } from '../../src/testing/index.js'
import { ECHO_ID } from '../support/echo-provider.js'
import { bearer, localToken, over, proxiedEcho } from '../support/proxied-echo.js'
import { json, startRawStub, startStub, type Stub } from '../support/stub-upstream.js'

const REAL = 'real-upstream-token-1234'
let stub: Stub | undefined
let server: RunningServer | undefined

afterEach(async () => {
  await server?.close()
  await stub?.close()
  server = undefined
  stub = undefined
})

async function dataStub(): Promise<Stub> {
  return startStub((request, res) => {
    json(res, 200, { greeting: 'from upstream', authorization: request.headers.authorization })
  })
}

function lastEntry(t: TestStandin) {
  const [entry] = t.journal.list(1)
  return entry
}

describe('proxy mode', () => {
  it('forwards with the real credential in place of the local one and journals it as proxied', async () => {
    stub = await dataStub()
    const t = await proxiedEcho({ upstreamUrl: `${stub.url}/echo` })
    const token = await localToken(t)
    const response = await t.request('/echo/data?x=1', bearer(token))
    expect([response.status, await response.json()]).toEqual([
      200,
      { greeting: 'from upstream', authorization: `Bearer ${REAL}` },
    ])
    expect(stub.requests.map((r) => r.url)).toEqual(['/echo/data?x=1'])
    const lookup = t.world.credentials.lookup(ECHO_ID, token)
    expect(lastEntry(t)).toMatchObject({
      path: '/echo/data',
      status: 200,
      outcome: 'proxied',
      credentialId: lookup.found ? lookup.credential.id : 'none',
    })
  })

  it.each([
    ['expire', 401, { fault: 'token_expired', message: 'expired' }],
    ['revoke', 401, { fault: 'token_revoked', message: 'revoked' }],
  ])(
    'refuses a local token after %s before anything reaches the upstream',
    async (lever, status, body) => {
      stub = await dataStub()
      const t = await proxiedEcho({ upstreamUrl: `${stub.url}/echo` })
      const token = await localToken(t)
      const lookup = t.world.credentials.lookup(ECHO_ID, token)
      if (!lookup.found) throw new Error('no local credential')
      await t.request(`/_standin/tokens/${lookup.credential.id}/${lever}`, { method: 'POST' })
      const response = await t.request('/echo/data', bearer(token))
      expect([response.status, await response.json()]).toEqual([status, body])
      expect(stub.requests).toEqual([])
      expect(lastEntry(t)).toMatchObject({ outcome: 'rejected', why: `token ${lever}d` })
    },
  )

  it('keeps the path that issues credentials local', async () => {
    stub = await dataStub()
    const t = await proxiedEcho({ upstreamUrl: `${stub.url}/echo` })
    expect(await localToken(t)).toMatch(/^[0-9a-f]{32}$/)
    expect(stub.requests).toEqual([])
  })

  it('answers 502 in the provider envelope when the upstream refuses connections', async () => {
    const closed = await dataStub()
    await closed.close()
    const t = await proxiedEcho({ upstreamUrl: `${closed.url}/echo` })
    const response = await t.request('/echo/data', bearer(await localToken(t)))
    expect([response.status, await response.json()]).toEqual([
      502,
      { fault: 'upstream_failed', message: 'Bad gateway' },
    ])
    expect(lastEntry(t)).toMatchObject({ status: 502, outcome: 'error' })
    expect(lastEntry(t)?.why).toMatch(
      new RegExp(`^GET ${closed.url}/echo/data: connect ECONNREFUSED 127\\.0\\.0\\.1:\\d+$`),
    )
  })

  it('answers 504 in the provider envelope when the upstream stays silent', async () => {
    stub = await startRawStub(() => undefined)
    const t = await proxiedEcho({ upstreamUrl: `${stub.url}/echo`, timeoutMs: 150 })
    const response = await t.request('/echo/data', bearer(await localToken(t)))
    expect([response.status, await response.json()]).toEqual([
      504,
      { fault: 'upstream_timeout', message: 'Gateway timeout' },
    ])
    expect(lastEntry(t)?.why).toBe(
      `GET ${stub.url}/echo/data: upstream gave no answer within 150 ms`,
    )
  })

  it.each([
    [
      'stalls inside a small body',
      100,
      'upstream stalled mid-body for 150 ms',
      504,
      'upstream_timeout',
      'Gateway timeout',
    ],
    [
      'closes inside a small body',
      0,
      'upstream closed mid-body',
      502,
      'upstream_failed',
      'Bad gateway',
    ],
  ])(
    'answers in the provider envelope when the upstream %s',
    async (_, stallMs, why, status, fault, message) => {
      stub = await startRawStub((_, res) => {
        res.writeHead(200, { 'content-length': '100', 'content-type': 'application/json' })
        res.write('{"partial":')
        if (stallMs === 0) setTimeout(() => res.destroy(), 30)
      })
      const t = await proxiedEcho({ upstreamUrl: `${stub.url}/echo`, timeoutMs: 150 })
      const response = await t.request('/echo/data', bearer(await localToken(t)))
      expect([response.status, await response.json()]).toEqual([status, { fault, message }])
      expect(lastEntry(t)?.why).toBe(`GET ${stub.url}/echo/data: ${why}`)
    },
  )

  it('drops hop-by-hop headers, cookies and the local credential both ways', async () => {
    stub = await startStub((request, res) => {
      res.writeHead(200, {
        connection: 'x-up-hop',
        'x-up-hop': 'connection-only',
        'keep-alive': 'timeout=5',
        'set-cookie': 'session=upstream-session-secret',
        'x-kept': 'yes',
        'content-type': 'application/json',
      })
      res.end(JSON.stringify(request.headers))
    })
    const t = await proxiedEcho({ upstreamUrl: `${stub.url}/echo` })
    const token = await localToken(t)
    const response = await t.request(
      '/echo/data',
      bearer(token, {
        connection: 'x-down-hop',
        'x-down-hop': 'connection-only',
        'keep-alive': 'timeout=5',
        te: 'trailers',
        'proxy-authorization': 'Basic eDp5',
        cookie: 'standin=local',
        'x-client': 'kept',
      }),
    )
    const received = (await response.json()) as Record<string, string>
    expect(Object.keys(received).sort()).toEqual([
      'authorization',
      'connection',
      'host',
      'via',
      'x-client',
    ])
    expect([received.authorization, received['x-client'], received.connection]).toEqual([
      `Bearer ${REAL}`,
      'kept',
      'keep-alive',
    ])
    expect(received.via).toMatch(/^1\.1 standin-[0-9a-f]{8}$/)
    expect([...response.headers.keys()].sort()).toEqual(['content-type', 'date', 'x-kept'])
  })

  it('on the Node edge reads the headers as received: any case, repeats joined, hop-by-hop dropped', async () => {
    stub = await startStub((request, res) => {
      json(res, 200, request.headers)
    })
    const t = await proxiedEcho({ upstreamUrl: `${stub.url}/echo` })
    server = await serveApp(t.app.fetch, { host: '127.0.0.1', port: 0 })
    const token = await localToken(over(server.url))
    const answer = await rawGet(`${server.url}/echo/data`, [
      ['Host', new URL(server.url).host],
      ['Authorization', `Bearer ${token}`],
      ['Connection', 'keep-alive, X-Down-Hop'],
      ['X-Down-Hop', 'connection-only'],
      ['Keep-Alive', 'timeout=5'],
      ['TE', 'trailers'],
      ['Cookie', 'standin=local'],
      ['X-Client', 'one'],
      ['x-client', 'two'],
      ['Accept', 'application/json'],
    ])
    expect(answer.status, answer.text).toBe(200)
    const received = JSON.parse(answer.text) as Record<string, string>
    expect(Object.keys(received).sort()).toEqual([
      'accept',
      'authorization',
      'connection',
      'host',
      'via',
      'x-client',
    ])
    expect([received.authorization, received['x-client'], received.accept]).toEqual([
      `Bearer ${REAL}`,
      'one, two',
      'application/json',
    ])
  })

  it('refuses a request that has passed through this standin already, so a loop ends at once', async () => {
    stub = await startStub((request, res) => {
      json(res, 200, { via: request.headers.via })
    })
    const t = await proxiedEcho({ upstreamUrl: `${stub.url}/echo` })
    const token = await localToken(t)
    const { via } = (await (await t.request('/echo/data', bearer(token))).json()) as { via: string }
    const looped = await t.request('/echo/data', bearer(token, { via: `1.1 other, ${via}` }))
    expect([looped.status, await looped.json()]).toEqual([
      502,
      { fault: 'upstream_failed', message: 'Bad gateway' },
    ])
    expect(lastEntry(t)?.why).toBe(
      'loop: this request has passed through this standin already (upstreams.echo leads back here)',
    )
    expect(stub.requests).toHaveLength(1)
  })

  it('streams a download to the client before the upstream has finished it', async () => {
    let finish: () => void = () => undefined
    stub = await startRawStub((_, res) => {
      res.writeHead(200, { 'content-type': 'video/mp4' })
      res.write(Buffer.alloc(1024, 1))
      finish = () => res.end(Buffer.alloc(1024, 2))
    })
    const t = await proxiedEcho({ upstreamUrl: `${stub.url}/echo` })
    server = await serveApp(t.app.fetch, { host: '127.0.0.1', port: 0 })
    const token = await localToken(over(server.url))
    const response = await fetch(`${server.url}/echo/media`, bearer(token))
    const reader = response.body!.getReader()
    const first = await reader.read()
    expect(first.value?.[0]).toBe(1)
    finish()
    let total = first.value?.length ?? 0
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      total += chunk.value.length
    }
    expect(total).toBe(2048)
  })

  it('streams an upload to the upstream before the client has finished sending it', async () => {
    let sawFirst: () => void = () => undefined
    const firstArrived = new Promise<void>((resolve) => (sawFirst = resolve))
    stub = await startRawStub(async (req, res) => {
      let bytes = 0
      for await (const chunk of req) {
        bytes += (chunk as Buffer).length
        sawFirst()
      }
      json(res, 200, { bytes })
    })
    const t = await proxiedEcho({ upstreamUrl: `${stub.url}/echo` })
    server = await serveApp(t.app.fetch, { host: '127.0.0.1', port: 0 })
    const token = await localToken(over(server.url))
    let sent = 0
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        // The second chunk waits for the upstream to have the first: a buffering proxy deadlocks.
        if (sent === 1) await firstArrived
        if (sent === 2) controller.close()
        else controller.enqueue(new Uint8Array(512).fill(sent))
        sent++
      },
    })
    const init = { method: 'POST', body, duplex: 'half', ...bearer(token) } as RequestInit
    const response = await fetch(`${server.url}/echo/upload`, init)
    expect(await response.json()).toEqual({ bytes: 1024 })
  })
})

/** A GET with headers exactly as given (names cased, repeats kept); the answer's status and text. */
function rawGet(
  url: string,
  headers: readonly [string, string][],
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { headers: headers.flat(), agent: false }, (incoming) => {
      const chunks: Buffer[] = []
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
      incoming.once('end', () => {
        resolve({ status: incoming.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') })
      })
      incoming.once('error', reject)
    })
    outgoing.once('error', reject)
    outgoing.end()
  })
}
