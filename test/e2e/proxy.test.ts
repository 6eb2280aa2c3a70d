/**
 * Two standins on real sockets: B plays the real upstream (mock mode, its own credentials), A
 * proxies to B with B's credential taken from the environment. The client only ever holds A's
 * local credentials.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MemoryFixtureStore } from '../../src/core/fixtures.js'
import { createStandin } from '../../src/node/create.js'
import { FsFixtureStore } from '../../src/node/fs-fixture-store.js'
import { nodeSecretReader } from '../../src/node/proxy-ports.js'
import { serveApp, type RunningServer } from '../../src/node/serve.js'
import { echoInjector } from '../support/echo-injector.js'
import { echoProvider } from '../support/echo-provider.js'
import {
  bearer,
  echoSettings,
  localToken,
  over,
  UPSTREAM_TOKEN_VAR,
} from '../support/proxied-echo.js'

let b: RunningServer
let a: RunningServer
let bToken: string
const recordings = mkdtempSync(join(tmpdir(), 'standin-recordings-'))

beforeAll(async () => {
  const upstream = await createStandin({
    providers: [echoProvider],
    scenario: { providers: { echo: { greeting: 'hello from B' } } },
    fixtures: new MemoryFixtureStore(),
  })
  b = await serveApp(upstream.fetch, { host: '127.0.0.1', port: 0 })
  bToken = await localToken(over(b.url), 'b-service-account')
  const proxy = await createStandin({
    providers: [echoProvider],
    scenario: { providers: { echo: { greeting: 'hello from A' } } },
    fixtures: new FsFixtureStore([recordings]),
    proxy: {
      settings: echoSettings({ upstreamUrl: `${b.url}/echo`, mode: 'proxy' }),
      injectors: { echo: echoInjector },
      secrets: nodeSecretReader({ [UPSTREAM_TOKEN_VAR]: bToken }),
    },
  })
  a = await serveApp(proxy.fetch, { host: '127.0.0.1', port: 0 })
})

afterAll(async () => {
  await a.close()
  await b.close()
})

const A = () => over(a.url)

async function snapshot(response: Response) {
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: await response.text(),
    headers: JSON.stringify([...response.headers]),
  }
}

async function setMode(mode: string): Promise<void> {
  const response = await A().request('/_standin/routes', {
    method: 'PUT',
    body: JSON.stringify({ routes: [{ provider: 'echo', mode }] }),
  })
  expect(response.status).toBe(200)
}

async function tokenId(secret: string): Promise<string> {
  const { tokens } = (await (await A().request('/_standin/tokens')).json()) as {
    tokens: { id: string; secretPrefix: string }[]
  }
  const found = tokens.find((t) => t.secretPrefix === secret.slice(0, 6))
  if (!found) throw new Error('local token not listed')
  return found.id
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

describe('proxying one standin through another', () => {
  let recorded: Awaited<ReturnType<typeof snapshot>>

  it('serves B data to a client holding only A credentials, and never shows B secret', async () => {
    const token = await localToken(A())
    const seen = await snapshot(await A().request('/echo/data', bearer(token)))
    expect([seen.status, JSON.parse(seen.body)]).toEqual([
      200,
      { greeting: 'hello from B', subject: 'b-service-account' },
    ])
    for (const path of [
      '/_standin/requests',
      '/_standin/routes',
      '/_standin/tokens',
      '/_standin/state',
    ]) {
      expect(await (await A().request(path)).text()).not.toContain(bToken)
    }
    expect(`${seen.body}${seen.headers}`).not.toContain(bToken)
  })

  it('gives the provider expiry error in proxy mode once A local token is force-expired', async () => {
    const token = await localToken(A())
    await A().request(`/_standin/tokens/${await tokenId(token)}/expire`, { method: 'POST' })
    const bRequestsBefore = (
      (await (await over(b.url).request('/_standin/requests')).json()) as {
        total: number
      }
    ).total
    const response = await A().request('/echo/data', bearer(token))
    expect([response.status, await response.json()]).toEqual([
      401,
      { fault: 'token_expired', message: 'expired' },
    ])
    const bRequestsAfter = (
      (await (await over(b.url).request('/_standin/requests')).json()) as {
        total: number
      }
    ).total
    expect(bRequestsAfter).toBe(bRequestsBefore)
  })

  it('records through A, and a route switched to mock answers from A on the next request', async () => {
    const token = await localToken(A())
    await setMode('record')
    recorded = await snapshot(await A().request('/echo/data', bearer(token)))
    expect(JSON.parse(recorded.body)).toEqual({
      greeting: 'hello from B',
      subject: 'b-service-account',
    })
    await setMode('mock')
    expect(await (await A().request('/echo/data', bearer(token))).json()).toEqual({
      greeting: 'hello from A',
      subject: 'ana',
    })
  })

  it('replays the same responses after B has stopped', async () => {
    await b.close()
    await setMode('replay')
    const token = await localToken(A())
    const replayed = await snapshot(await A().request('/echo/data', bearer(token)))
    expect([replayed.status, replayed.type, replayed.body]).toEqual([
      recorded.status,
      recorded.type,
      recorded.body,
    ])
  })

  it('leaves B secret out of every recording file', () => {
    const files = filesUnder(recordings)
    expect(files.map((f) => f.slice(recordings.length))).toEqual([
      expect.stringMatching(/^\/recordings\/echo\/get-echo-data-[0-9a-f]{8}\.json$/),
      '/recordings/echo/index.md',
    ])
    for (const file of files) expect(readFileSync(file, 'utf8')).not.toContain(bToken)
  })
})
