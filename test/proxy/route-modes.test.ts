import { afterEach, describe, expect, it } from 'vitest'
import { createTestStandin } from '../../src/testing/index.js'
import { echoInjector } from '../support/echo-injector.js'
import { echoProvider } from '../support/echo-provider.js'
import { bearer, echoSettings, localToken, proxiedEcho } from '../support/proxied-echo.js'
import { json, startStub, type Stub } from '../support/stub-upstream.js'

let stub: Stub

afterEach(async () => {
  await stub.close()
})

async function setUp() {
  stub = await startStub((_, res) => {
    json(res, 200, { greeting: 'from upstream' })
  })
  return proxiedEcho({ upstreamUrl: `${stub.url}/echo`, path: '/data' })
}

function put(body: unknown): RequestInit {
  return {
    method: 'PUT',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  }
}

describe('GET and PUT /_standin/routes', () => {
  it('shows the rules and upstreams, naming credential references but never their values', async () => {
    const t = await setUp()
    const response = await t.request('/_standin/routes')
    const text = await response.text()
    expect(JSON.parse(text)).toEqual({
      routes: [{ provider: 'echo', path: '/data', mode: 'proxy' }],
      upstreams: [
        {
          key: 'echo',
          provider: 'echo',
          mount: '/echo',
          url: `${stub.url}/echo`,
          timeoutMs: 5000,
          credentials: { token: 'env ECHO_UPSTREAM_TOKEN' },
        },
      ],
    })
    expect(text).not.toContain('real-upstream-token')
  })

  it('switches a route to mock and back, effective on the next request', async () => {
    const t = await setUp()
    const token = await localToken(t)
    const read = async (): Promise<unknown> => (await t.request('/echo/data', bearer(token))).json()
    expect(await read()).toEqual({ greeting: 'from upstream' })
    const changed = await t.request(
      '/_standin/routes',
      put({ routes: [{ provider: 'echo', path: '/data', mode: 'mock' }] }),
    )
    expect(((await changed.json()) as { routes: unknown }).routes).toEqual([
      { provider: 'echo', path: '/data', mode: 'mock' },
    ])
    expect(await read()).toEqual({ greeting: 'hello from A', subject: 'ana' })
    await t.request('/_standin/routes', put({ routes: [{ provider: 'echo', mode: 'proxy' }] }))
    expect(await read()).toEqual({ greeting: 'from upstream' })
    expect(stub.requests).toHaveLength(2)
  })

  it.each([
    [
      { routes: [{ provider: 'redox', mode: 'proxy' }] },
      'Invalid payload: routes[0].provider: no provider "redox" is served here (echo).',
    ],
    [
      { routes: [{ provider: 'echo', mode: 'teleport' }] },
      'Invalid payload: routes[0].mode: Invalid option: expected one of "mock"|"proxy"|"record"|"replay".',
    ],
    [{ routes: 'all' }, 'Invalid payload: routes: Invalid input: expected array, received string.'],
  ])('refuses %j with a readable message and keeps the old rules', async (body, message) => {
    const t = await setUp()
    const response = await t.request('/_standin/routes', put(body))
    expect([response.status, await response.json()]).toEqual([
      400,
      { error: { code: 'invalid_request', message } },
    ])
    expect(
      ((await (await t.request('/_standin/routes')).json()) as { routes: unknown }).routes,
    ).toEqual([{ provider: 'echo', path: '/data', mode: 'proxy' }])
  })

  it('refuses to forward for a provider that cannot check local credentials', async () => {
    const withoutCheck = { ...echoProvider }
    delete withoutCheck.authenticate
    const attempt = createTestStandin({
      providers: [withoutCheck],
      proxy: {
        settings: echoSettings({ upstreamUrl: 'http://127.0.0.1:9' }),
        injectors: { echo: echoInjector },
      },
    })
    await expect(attempt).rejects.toThrow(
      'Failed to set up route modes: routes[0].mode: "proxy" needs echo\'s local credential check, which it does not have yet.',
    )
  })
})
