/**
 * The provider contract through the MSW transport: the same suite, with every request
 * sent by `fetch` to the real hostnames and answered in-process by
 * `setupServer(...createStandinHandlers())`. A further case replays obtain + call on both
 * transports and compares status, content type and body, with each side's base URL masked.
 */
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  createStandinHandlers,
  hostRoutes,
  realUrlFor,
  type HostOptions,
} from '../../src/msw/index.js'
import { createTestStandin, type TestStandin } from '../../src/testing/index.js'
import {
  runProviderContract,
  type ContractSubject,
  type ContractTransport,
} from '../contract/provider.case.js'

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])

/** Runs the contract for each subject through MSW; `hosts` adds base URLs (a test provider's). */
export function runMswParity(subjects: readonly ContractSubject[], hosts: HostOptions = {}): void {
  const server = setupServer()
  beforeAll(() => {
    server.listen({
      onUnhandledRequest(request, print) {
        if (!LOOPBACK.has(new URL(request.url).hostname)) print.error()
      },
    })
  })
  afterEach(() => {
    server.resetHandlers()
  })
  afterAll(() => {
    server.close()
  })

  const routes = hostRoutes(hosts)
  const toReal = (input: string) => {
    const path = input.startsWith('/') ? input : ((u) => u.pathname + u.search)(new URL(input))
    return realUrlFor(path, routes)
  }
  const msw: ContractTransport = {
    name: 'MSW on the real hostnames',
    async create(options) {
      const t = await createTestStandin(options)
      server.use(...createStandinHandlers({ ...hosts, standin: t.app }))
      return {
        app: t.app,
        world: t.world,
        journal: t.journal,
        get clock() {
          return t.clock
        },
        request: (input, init) => fetch(toReal(input), init),
        url: toReal,
      }
    },
  }

  for (const subject of subjects) {
    runProviderContract(subject, msw)
    describe(`${subject.provider} through MSW and app.request`, () => {
      const title = 'answers obtain and a data call the same on both transports'
      it(title, async () => {
        const direct = await createTestStandin(subject.options)
        const viaMsw = await msw.create(subject.options)
        viaMsw.world.clock.set(direct.world.clock.now())
        expect(await exchange(subject, viaMsw)).toEqual(await exchange(subject, direct))
      })
    })
  }
}

async function exchange(subject: ContractSubject, t: TestStandin) {
  const response = await subject.call(t, await subject.obtain(t))
  const mounts = t.world.providers.find((p) => p.id === subject.provider)?.mounts ?? []
  let body = await response.text()
  for (const mount of mounts) {
    const base = t.url(mount).replace(/\/+$/, '')
    body = body.replaceAll(base, `<${mount}>`).replaceAll(base.replaceAll('/', '\\/'), `<${mount}>`)
  }
  return { status: response.status, type: response.headers.get('content-type'), body }
}
