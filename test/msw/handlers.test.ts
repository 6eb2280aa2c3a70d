import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createStandinHandlers, hostRoutes } from '../../src/msw/index.js'
import { routesPattern } from '../../src/msw/host-routes.js'
import { createStandinCore } from '../../src/standin.js'
import { ControlError, createControlClient } from '../../src/testing/index.js'
import { ALICE_CLASSIC } from '../providers/redcap/support.js'
import { echoProvider } from '../support/echo-provider.js'
import { mirrorProvider, type Mirrored } from '../support/mirror-provider.js'

const server = setupServer()
beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' })
})
afterEach(() => {
  server.resetHandlers()
})
afterAll(() => {
  server.close()
})

async function useStandin(options: Parameters<typeof createStandinHandlers>[0] = {}) {
  const standin = await createStandinCore({
    providers: [mirrorProvider, echoProvider],
    scenario: { clock: { start: '2026-05-01T00:00:00Z' } },
    frozen: true,
  })
  server.use(...createStandinHandlers({ standin, ...options }))
  return standin
}

function multipartWithFile(): FormData {
  const form = new FormData()
  form.append('field', 'value')
  form.append('file', new Blob(['file content']), 'notes.txt')
  return form
}

async function mirrored(url: string, init?: RequestInit): Promise<Mirrored> {
  const response = await fetch(url, init)
  expect(response.status).toBe(200)
  return (await response.json()) as Mirrored
}

describe('createStandinHandlers', () => {
  it.each([
    [
      'https://five.epicollect.net/api/export/entries/demo?page=2',
      '/epicollect/api/export/entries/demo',
      'https://five.epicollect.net',
    ],
    [
      'https://api.redoxengine.com/v2/auth/token',
      '/redox/v2/auth/token',
      'https://api.redoxengine.com',
    ],
    [
      'https://api.ca.redoxengine.com/fhir/R4/d/Development/Patient/1',
      '/redox-ca/fhir/R4/d/Development/Patient/1',
      'https://api.ca.redoxengine.com',
    ],
    ['https://redcap.example.edu/api/', '/redcap/api/', 'https://redcap.example.edu'],
  ])('routes %s onto %s and names the real base', async (url, path, base) => {
    await useStandin()
    const seen = await mirrored(url)
    expect({ path: seen.path, base: seen.base }).toEqual({ path, base })
  })

  it('keeps the query, method, headers and body', async () => {
    await useStandin()
    const seen = await mirrored('https://api.redoxengine.com/v2/auth/token?x=1', {
      method: 'POST',
      headers: { 'x-test': 'kept', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    })
    expect(seen).toEqual({
      mount: '/redox',
      method: 'POST',
      path: '/redox/v2/auth/token',
      query: { x: '1' },
      base: 'https://api.redoxengine.com',
      body: 'grant_type=client_credentials',
      header: 'kept',
      headers: [
        ['content-length', '29'],
        ['content-type', 'application/x-www-form-urlencoded'],
        ['standin-original-base', 'https://api.redoxengine.com'],
        ['x-test', 'kept'],
      ],
    })
  })

  it('passes every header on as sent, and sets the real base and the length itself', async () => {
    await useStandin()
    const headers = new Headers({ 'x-test': 'kept' })
    headers.append('__proto__', 'a token like any other')
    headers.append('x-repeated', 'one')
    headers.append('x-repeated', 'two')
    headers.append('standin-original-base', 'https://elsewhere.test')
    headers.append('cookie', 'a=1; b=2')
    const seen = await mirrored('https://redcap.example.edu/api/', {
      method: 'POST',
      headers,
      body: 'content=version',
    })
    expect(seen.headers).toEqual([
      ['__proto__', 'a token like any other'],
      ['content-length', '15'],
      ['content-type', 'text/plain;charset=UTF-8'],
      ['cookie', 'a=1; b=2'],
      ['standin-original-base', 'https://redcap.example.edu'],
      ['x-repeated', 'one, two'],
      ['x-test', 'kept'],
    ])
    const got = await mirrored('http://standin.local/redcap/api/', { headers })
    expect(got.headers).toEqual([
      ['__proto__', 'a token like any other'],
      ['cookie', 'a=1; b=2'],
      ['standin-original-base', 'https://elsewhere.test'],
      ['x-repeated', 'one, two'],
      ['x-test', 'kept'],
    ])
  })

  it('keeps every header when fetch derives the content type from the body', async () => {
    await useStandin()
    const seen = await mirrored('https://api.redoxengine.com/v2/auth/token', {
      method: 'POST',
      headers: { 'x-test': 'kept' },
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
    })
    expect({ header: seen.header, body: seen.body }).toEqual({
      header: 'kept',
      body: 'grant_type=client_credentials',
    })
  })

  it.each([
    ['a form', () => new URLSearchParams({ name: 'é and more' })],
    ['text', () => 'plain text'],
    ['bytes', () => new TextEncoder().encode('some bytes')],
    ['multipart', () => multipartWithFile()],
    ['a Blob', () => new Blob(['blob body'])],
    [
      'a stream',
      () =>
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('streamed '))
            controller.enqueue(new TextEncoder().encode('body'))
            controller.close()
          },
        }),
    ],
  ])('hands %s on whole, with its length in bytes', async (_kind, body) => {
    await useStandin()
    const seen = await mirrored('https://redcap.example.edu/api/', {
      method: 'POST',
      body: body(),
      duplex: 'half',
    } as RequestInit)
    const length = new TextEncoder().encode(seen.body).byteLength
    expect(length).toBeGreaterThan(0)
    expect(seen.headers).toContainEqual(['content-length', String(length)])
  })

  it('hands on the body of a Request the client built itself, with its length', async () => {
    await useStandin()
    const request = new Request('https://redcap.example.edu/api/', {
      method: 'POST',
      body: new URLSearchParams({ content: 'version', note: 'ünïcode' }),
    })
    const response = await fetch(request)
    const seen = (await response.json()) as Mirrored
    expect(seen.body).toBe('content=version&note=%C3%BCn%C3%AFcode')
    expect(seen.headers).toContainEqual(['content-length', String(seen.body.length)])
  })

  it('serves a REDCap base URL with a path, as institutions install it', async () => {
    await useStandin({ redcap: 'https://redcap.uni.test/redcap/' })
    const seen = await mirrored('https://redcap.uni.test/redcap/api/', { method: 'POST' })
    expect({ path: seen.path, base: seen.base }).toEqual({
      path: '/redcap/api/',
      base: 'https://redcap.uni.test/redcap',
    })
  })

  it('answers a base nested under another through the longer one', async () => {
    await useStandin({ redcap: 'http://standin.local/redcap-host' })
    expect((await mirrored('http://standin.local/redcap-host/api/')).path).toBe('/redcap/api/')
  })

  it('leaves hosts that only look alike to the next handler', async () => {
    server.use(http.all('*', () => HttpResponse.text('next handler')))
    await useStandin()
    const lookalike = await fetch('https://apixredoxengine.com/v2/auth/token')
    expect(await lookalike.text()).toBe('next handler')
    expect((await mirrored('https://api.redoxengine.com/v2/auth/token')).path).toBe(
      '/redox/v2/auth/token',
    )
    expect(routesPattern(hostRoutes()).test('https://apixredoxengine.com/v2/auth/token')).toBe(
      false,
    )
  })

  it('routes extra base URLs onto the mounts they name', async () => {
    await useStandin({ routes: [{ base: 'https://echo.standin.test', mount: '/echo' }] })
    const response = await fetch('https://echo.standin.test/token', {
      method: 'POST',
      body: new URLSearchParams({ subject: 'ana' }),
    })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      token: expect.stringMatching(/^[0-9a-f]{32}$/) as string,
      expires_in: 60,
    })
  })

  it('answers the control origin with the same world, for the control client too', async () => {
    const standin = await useStandin()
    const control = createControlClient('http://standin.local')
    expect(await control.clock.advance(60)).toEqual({
      now: '2026-05-01T00:01:00.000Z',
      frozen: true,
    })
    expect(standin.world.clock.now().toISOString()).toBe('2026-05-01T00:01:00.000Z')
    await fetch('https://api.redoxengine.com/v2/auth/token', { method: 'POST' })
    expect((await control.requests()).map((r) => r.path)).toEqual(['/redox/v2/auth/token'])
  })

  it('reaches a session through the control origin, with its prefix in every base URL', async () => {
    await useStandin()
    const session = await createControlClient('http://standin.local').sessions.create()
    expect(session.baseUrl).toBe(`http://standin.local/_sessions/${session.id}`)
    const seen = await mirrored(`${session.baseUrls.redox}/v2/auth/token`)
    expect({ path: seen.path, base: seen.base }).toEqual({
      path: '/redox/v2/auth/token',
      base: session.baseUrls.redox,
    })
    expect(await session.control.requests()).toHaveLength(1)
  })

  it('applies the body limit to a body MSW hands over, as over HTTP', async () => {
    server.use(...createStandinHandlers({ scenario: 'default', config: { bodyLimitBytes: 100 } }))
    const post = (padding: string) =>
      fetch('https://redcap.example.edu/api/', {
        method: 'POST',
        body: new URLSearchParams({ token: ALICE_CLASSIC, content: 'version', padding }),
      })
    expect((await post('')).status).toBe(200)
    expect((await post('x'.repeat(100))).status).toBe(413)
  })

  it('creates a standin from the default scenario on first use, with a custom control origin', async () => {
    server.use(...createStandinHandlers({ control: 'http://control.test' }))
    const control = createControlClient('http://control.test')
    expect(await control.state()).toMatchObject({ scenario: 'default', clock: { frozen: true } })
    const version = await fetch('https://redcap.example.edu/api/', {
      method: 'POST',
      body: new URLSearchParams({ token: ALICE_CLASSIC, content: 'version' }),
    })
    expect(version.status).toBe(200)
    expect(await control.requests({ limit: 1 })).toEqual([
      expect.objectContaining({ provider: 'redcap', path: '/redcap/api/', status: 200 }),
    ])
  })

  it('throws a typed error carrying the control envelope', async () => {
    await useStandin()
    const control = createControlClient('http://standin.local')
    const error = await control.clock.advance(Number.NaN).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ControlError)
    expect(error).toMatchObject({ code: 'invalid_request', status: 400 })
  })

  it.each([['not a url'], ['https://redcap.test/?x=1']])('refuses the base URL %s', (redcap) => {
    expect(() => createStandinHandlers({ redcap })).toThrow(/^Failed to route/)
  })
})
