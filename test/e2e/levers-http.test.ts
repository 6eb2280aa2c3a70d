import { afterEach, describe, expect, it } from 'vitest'
import { createStandin } from '../../src/node/create.js'
import { serveApp, type RunningServer } from '../../src/node/serve.js'
import { echoProvider } from '../support/echo-provider.js'

let server: RunningServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

async function serve(scenario: string | Record<string, unknown>): Promise<string> {
  const standin = await createStandin({ scenario, providers: [echoProvider], frozen: true })
  server = await serveApp(standin.fetch, { host: '127.0.0.1', port: 0 })
  return server.url
}

async function token(url: string): Promise<string> {
  const response = await fetch(`${url}/echo/token`, {
    method: 'POST',
    body: new URLSearchParams({ subject: 'ana' }),
  })
  return ((await response.json()) as { token: string }).token
}

async function data(url: string, secret: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${url}/echo/data`, {
    headers: { authorization: `Bearer ${secret}` },
  })
  return { status: response.status, body: await response.json() }
}

describe('levers over real HTTP', () => {
  it('drops the connection without an answer and keeps serving', async () => {
    const url = await serve({ providers: { echo: { ttlSeconds: 3600 } } })
    const secret = await token(url)
    await fetch(`${url}/_standin/overrides`, {
      method: 'POST',
      body: JSON.stringify({ outcome: 'dropped' }),
    })
    const failure = await fetch(`${url}/echo/data`, {
      headers: { authorization: `Bearer ${secret}` },
    }).then(
      () => 'answered',
      (error: unknown) => (error as Error & { cause?: { code?: string } }).cause?.code,
    )
    expect(failure).toBe('UND_ERR_SOCKET')
    expect(await data(url, secret)).toEqual({
      status: 200,
      body: { greeting: 'hello', subject: 'ana' },
    })
    const journal = (await (await fetch(`${url}/_standin/requests?limit=2`)).json()) as {
      requests: { status: number; outcome: string }[]
    }
    expect(journal.requests.map((r) => [r.status, r.outcome])).toEqual([
      [200, 'ok'],
      [0, 'forced'],
    ])
  })

  it('forces an outcome through Standin-Force on a real socket', async () => {
    const url = await serve({})
    const response = await fetch(`${url}/echo/data`, {
      headers: { 'Standin-Force': 'unavailable' },
    })
    expect([response.status, await response.json()]).toEqual([
      503,
      { fault: 'unavailable', message: 'Service unavailable' },
    ])
  })
})

describe('scenario library over real HTTP', () => {
  it('503-storm: answers 5 requests, then 10 times 503 in the provider envelope, then recovers', async () => {
    const url = await serve('503-storm')
    const secret = await token(url)
    const ok = { status: 200, body: { greeting: 'hello', subject: 'ana' } }
    const storm = { status: 503, body: { fault: 'unavailable', message: 'Service unavailable' } }
    const answers = []
    for (let i = 0; i < 15; i++) answers.push(await data(url, secret))
    expect(answers).toEqual([...Array<unknown>(4).fill(ok), ...Array<unknown>(10).fill(storm), ok])
  })
})
