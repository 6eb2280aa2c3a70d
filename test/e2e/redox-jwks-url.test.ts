/**
 * An API key whose public keys live behind a JWKS URL (a real local server): fetched, cached,
 * refetched once for an unknown kid so rotation needs no restart, and a clear reason when the URL
 * fails.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { exportJWK, generateKeyPair, type JWK } from 'jose'
import { afterEach, describe, expect, it } from 'vitest'
import { createTestStandin, type TestStandin } from '../../src/testing/index.js'
import { TOKEN_ERROR_URI } from '../../src/providers/redox/errors.js'
import {
  admin,
  postToken,
  redoxScenario,
  signAssertion,
  tokenForm,
} from '../providers/redox/support.js'

const CLIENT = 'jwks-client'
const NOT_FOUND = {
  status: 400,
  body: {
    error: 'invalid_request',
    error_description: 'Public key not found, check client_id, kid and Redox dashboard settings',
    error_uri: TOKEN_ERROR_URI,
  },
}

async function keyPair(kid: string) {
  const pair = await generateKeyPair('RS384', { extractable: true })
  const meta = { kid, alg: 'RS384', use: 'sig' }
  return {
    public: { ...(await exportJWK(pair.publicKey)), ...meta },
    private: { ...(await exportJWK(pair.privateKey)), ...meta },
  }
}

const first = await keyPair('key-2026-01')
const second = await keyPair('key-2026-02')

interface JwksServer {
  readonly url: string
  keys: JWK[]
  hits: number
  status: number
  hang: boolean
}

const servers: Server[] = []

async function startJwksServer(keys: JWK[]): Promise<JwksServer> {
  const state = { url: '', keys, hits: 0, status: 200, hang: false }
  const server = createServer((_request, response) => {
    state.hits++
    if (state.hang) return
    response.writeHead(state.status, { 'content-type': 'application/json' })
    response.end(JSON.stringify({ keys: state.keys }))
  })
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  state.url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/.well-known/jwks.json`
  return state
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
})

async function withJwksKey(url: string, redox: Record<string, unknown> = {}): Promise<TestStandin> {
  const t = await createTestStandin({ scenario: redoxScenario(redox) })
  const created = await admin(t, '/redox/api-keys', {
    name: 'JWKS app',
    clientId: CLIENT,
    jwksUrl: url,
  })
  expect(await created.json()).toEqual({
    clientId: CLIENT,
    name: 'JWKS app',
    region: 'us',
    environment: 'Development',
  })
  return t
}

async function tokenWith(t: TestStandin, key: JWK) {
  const response = await postToken(t, tokenForm(await signAssertion({ clientId: CLIENT, key })))
  return { status: response.status, body: (await response.json()) as unknown }
}

describe('an API key with a JWKS URL', () => {
  it('fetches the keys once and serves later tokens from the cache', async () => {
    const jwks = await startJwksServer([first.public])
    const t = await withJwksKey(jwks.url)
    expect((await tokenWith(t, first.private)).status).toBe(200)
    expect((await tokenWith(t, first.private)).status).toBe(200)
    expect(jwks.hits).toBe(1)
  })

  it('follows a rotation to a new kid without a restart, and drops the old kid', async () => {
    const jwks = await startJwksServer([first.public])
    const t = await withJwksKey(jwks.url)
    expect((await tokenWith(t, first.private)).status).toBe(200)
    jwks.keys = [second.public]
    expect((await tokenWith(t, second.private)).status).toBe(200)
    expect(jwks.hits).toBe(2)
    expect(await tokenWith(t, first.private)).toEqual(NOT_FOUND)
    expect(jwks.hits).toBe(3)
    expect(t.journal.list(1)[0]?.why).toBe(
      `client assertion refused: the JWKS at ${jwks.url} has no key with kid key-2026-01`,
    )
  })

  it('fetches again once the cache is older than jwks.cacheSeconds of virtual time', async () => {
    const jwks = await startJwksServer([first.public])
    const t = await withJwksKey(jwks.url, { jwks: { cacheSeconds: 60 } })
    expect((await tokenWith(t, first.private)).status).toBe(200)
    t.clock.advance(61)
    expect((await tokenWith(t, first.private)).status).toBe(200)
    expect(jwks.hits).toBe(2)
  })

  it.each([
    [
      'does not answer in time',
      (s: JwksServer) => {
        s.hang = true
      },
      /did not answer within 200 ms$/,
    ],
    [
      'answers an error status',
      (s: JwksServer) => {
        s.status = 503
      },
      /answered HTTP 503$/,
    ],
  ])('refuses the assertion with a clear reason when the URL %s', async (_, breakIt, why) => {
    const jwks = await startJwksServer([first.public])
    breakIt(jwks)
    const t = await withJwksKey(jwks.url, { jwks: { timeoutMs: 200 } })
    expect(await tokenWith(t, first.private)).toEqual(NOT_FOUND)
    expect(t.journal.list(1)[0]?.why).toMatch(
      new RegExp(`failed to fetch the keys of API key ${CLIENT}: the JWKS URL .*${why.source}`),
    )
  })

  it('says so when nothing listens at the URL', async () => {
    const jwks = await startJwksServer([])
    const url = jwks.url
    await new Promise((resolve) => servers.pop()?.close(resolve))
    const t = await withJwksKey(url)
    expect(await tokenWith(t, first.private)).toEqual(NOT_FOUND)
    expect(t.journal.list(1)[0]?.why).toContain(`the JWKS URL ${url} is unreachable`)
  })
})
