/**
 * Runs REDCap tests the two ways real clients reach standin: over a real socket (serveApp on
 * 127.0.0.1, a free port) and through MSW on REDCap's real hostname (`setupServer` with
 * `createStandinHandlers`), posting form bodies as PyCap and REDCapR do. Each test gets its own
 * standin, so the same expectations hold on both.
 */
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe } from 'vitest'
import { createStandinHandlers, hostRoutes, realUrlFor } from '../../../src/msw/index.js'
import { serveApp, type RunningServer } from '../../../src/node/serve.js'
import type { TestStandin, TestStandinOptions } from '../../../src/testing/index.js'
import { createTestStandin } from '../../../src/testing/index.js'
import { answer, formBody, type Answer, type Params } from './support.js'

export interface RedcapClient {
  readonly t: TestStandin
  /** A form POST to `/redcap/api/`, answered with status, Content-Type and body. */
  post(params: Params): Promise<Answer>
}

export type StartClient = (options?: TestStandinOptions) => Promise<RedcapClient>

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])

/** `describe`s `suite` once per transport, handing it a way to start a client. */
export function onBothTransports(title: string, suite: (start: StartClient) => void): void {
  describe(title, () => {
    transports(title, suite)
  })
}

function transports(title: string, suite: (start: StartClient) => void): void {
  const msw = setupServer()
  const servers: RunningServer[] = []
  beforeAll(() => {
    msw.listen({
      onUnhandledRequest(request, print) {
        if (!LOOPBACK.has(new URL(request.url).hostname)) print.error()
      },
    })
  })
  afterEach(async () => {
    msw.resetHandlers()
    await Promise.all(servers.splice(0).map((s) => s.close()))
  })
  afterAll(() => {
    msw.close()
  })
  const post = async (url: string, params: Params) =>
    answer(await fetch(url, { method: 'POST', body: formBody(params) }))

  describe(`${title} over real HTTP`, () => {
    suite(async (options = { scenario: 'default' }) => {
      const t = await createTestStandin(options)
      const server = await serveApp((request) => t.app.fetch(request), {
        host: '127.0.0.1',
        port: 0,
      })
      servers.push(server)
      return { t, post: (params) => post(`${server.url}/redcap/api/`, params) }
    })
  })
  describe(`${title} through MSW on the real hostname`, () => {
    const url = realUrlFor('/redcap/api/', hostRoutes())
    suite(async (options = { scenario: 'default' }) => {
      const t = await createTestStandin(options)
      msw.use(...createStandinHandlers({ standin: t.app }))
      return { t, post: (params) => post(url, params) }
    })
  })
}
