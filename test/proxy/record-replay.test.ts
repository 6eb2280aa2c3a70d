import { afterEach, describe, expect, it } from 'vitest'
import { MemoryFixtureStore } from '../../src/core/fixtures.js'
import type { TestStandin } from '../../src/testing/index.js'
import { bearer, localToken, proxiedEcho } from '../support/proxied-echo.js'
import { startStub, type Stub } from '../support/stub-upstream.js'

const REAL = 'real-upstream-token-1234'
let stub: Stub

afterEach(async () => {
  await stub.close()
})

async function setUp(fixtures = new MemoryFixtureStore()) {
  stub = await startStub((request, res) => {
    res.writeHead(200, {
      'content-type': 'application/json',
      date: 'Sun, 01 Mar 2026 08:00:00 GMT',
      'x-seen-with': String(request.headers.authorization),
    })
    res.end(JSON.stringify({ url: request.url, access_token: 'upstream-issued-abcdefgh' }))
  })
  const t = await proxiedEcho({ upstreamUrl: `${stub.url}/echo`, mode: 'record', fixtures })
  return { t, fixtures, token: await localToken(t) }
}

async function switchTo(t: TestStandin, mode: string): Promise<void> {
  await t.request('/_standin/routes', {
    method: 'PUT',
    body: JSON.stringify({ routes: [{ provider: 'echo', mode }] }),
  })
}

describe('record and replay', () => {
  it('records an exchange without secrets and replays it byte for byte once the upstream is gone', async () => {
    const { t, fixtures, token } = await setUp()
    const recorded = await t.request('/echo/data?page=2', bearer(token))
    const recordedText = await recorded.text()
    // The upstream echoed the real token; the client sees only its placeholder.
    expect(recorded.headers.get('x-seen-with')).toBe('Bearer {{echo.token}}')
    expect(stub.requests[0]?.headers.authorization).toBe(`Bearer ${REAL}`)
    await switchTo(t, 'replay')
    await stub.close()
    const replayed = await t.request('/echo/data?page=2', bearer(token))
    expect([replayed.status, replayed.headers.get('content-type'), await replayed.text()]).toEqual([
      200,
      'application/json',
      recordedText.replace('upstream-issued-abcdefgh', '{{access_token}}'),
    ])
    expect(t.journal.list(2).map((e) => [e.outcome, e.why])).toEqual([
      [
        'replayed',
        expect.stringMatching(/^replayed recordings\/echo\/get-echo-data-2-[0-9a-f]{8}\.json$/),
      ],
      [
        'proxied',
        expect.stringMatching(/^recording recordings\/echo\/get-echo-data-2-[0-9a-f]{8}\.json$/),
      ],
    ])
    const files = fixtures.list('recordings/echo')
    expect(files).toEqual([
      expect.stringMatching(/^get-echo-data-2-[0-9a-f]{8}\.json$/),
      'index.md',
    ])
    const recording = JSON.parse(fixtures.readText(`recordings/echo/${files[0]!}`)) as unknown
    expect(recording).toEqual({
      recorded: {
        at: expect.any(String),
        seq: 0,
        credential: { kind: expect.any(String), subject: expect.any(String), attributes: {} },
      },
      request: { method: 'GET', mount: '/echo', path: '/data', query: [['page', '2']] },
      response: {
        status: 200,
        headers: { 'content-type': 'application/json', 'x-seen-with': 'Bearer {{echo.token}}' },
        body: { json: { url: '/echo/data?page=2', access_token: '{{access_token}}' } },
      },
    })
    expect(fixtures.readText('recordings/echo/index.md')).toContain(
      `| ${files[0]!} | GET /echo/data?page=2 | 200 |`,
    )
  })

  it('answers a request with no recording with the provider 404 and names the closest one', async () => {
    const { t, token } = await setUp()
    await (await t.request('/echo/data?page=2', bearer(token))).text()
    await switchTo(t, 'replay')
    const missed = await t.request('/echo/data?page=3', bearer(token))
    expect([missed.status, await missed.json()]).toEqual([
      404,
      { fault: 'not_found', message: 'Not found' },
    ])
    const [entry] = t.journal.list(1)
    expect([entry?.outcome, entry?.why]).toEqual([
      'rejected',
      expect.stringMatching(
        /^no recording of GET \/echo\/data\?page=3 in recordings\/echo; closest: get-echo-data-2-[0-9a-f]{8}\.json \(query differs: page\)$/,
      ),
    ])
  })

  it('still checks the local credential in replay mode', async () => {
    const { t, token } = await setUp()
    await (await t.request('/echo/data', bearer(token))).text()
    await switchTo(t, 'replay')
    const response = await t.request('/echo/data', bearer('not-a-local-token'))
    expect([response.status, await response.json()]).toEqual([
      401,
      { fault: 'invalid_credentials', message: 'unknown token' },
    ])
  })
})
