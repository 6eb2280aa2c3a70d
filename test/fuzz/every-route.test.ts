import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { serveApp } from '../../src/node/serve.js'
import { providers } from '../../src/providers/index.js'
import { createTestStandin, type TestStandin } from '../../src/testing/index.js'
import { echoProvider } from '../support/echo-provider.js'
import { checkAnswer, type Send } from './answer.js'
import { FUZZ_SEED, RUNS_PER_TARGET, SOCKET_RUNS } from './settings.js'
import { acceptedExamples, requestFor, targetsOf, type FuzzRequest } from './targets.js'

function inProcess(t: TestStandin): Send {
  return (r: FuzzRequest) =>
    t.request(r.path, {
      method: r.method,
      headers: r.headers,
      ...(r.body === undefined ? {} : { body: r.body }),
    })
}

async function stillAnswers(send: Send): Promise<void> {
  const health = await send({
    method: 'GET',
    path: '/_standin/health',
    headers: {},
    body: undefined,
  })
  expect(health.status).toBe(200)
}

/** Every route of the registered providers and the control plane, on the default scenario. */
const registered = await createTestStandin({ providers, scenario: 'default' })
/** The harness itself on a provider mount, whatever the registry holds. */
const echo = await createTestStandin({ providers: [echoProvider], scenario: { providers: {} } })

describe.each([
  ['the registered providers and the control plane', registered, providers],
  ['a sample provider', echo, [echoProvider]],
] as const)('fuzzing %s', (_name, t, list) => {
  const send = inProcess(t)
  const targets = targetsOf(t.app, list)

  it.each(targets.map((target, i) => [target.label, target, i] as const))(
    'answers hostile requests to %s with a 4xx, never an undocumented 5xx, a leak or a hang',
    async (_label, target, i) => {
      const examples = await acceptedExamples(send, target)
      await fc.assert(
        fc.asyncProperty(requestFor(target, examples), (r) => checkAnswer(send, r)),
        { seed: FUZZ_SEED + i, numRuns: RUNS_PER_TARGET },
      )
      await stillAnswers(send)
    },
  )

  it('answers a body over the limit on every provider mount with 413, not a crash', async () => {
    const big = 'x'.repeat(t.world.config.bodyLimitBytes + 1)
    for (const provider of list) {
      for (const mount of provider.mounts) {
        const response = await send({
          method: 'POST',
          path: `${mount}/anything`,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: big,
        })
        expect(response.status).toBe(413)
      }
    }
  })
})

describe('fuzzing through a real socket', () => {
  const servers: { close(): Promise<void> }[] = []
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()))
  })

  it('keeps answering hostile requests sent over HTTP to 127.0.0.1', async () => {
    const server = await serveApp(registered.app.fetch, { host: '127.0.0.1', port: 0 })
    servers.push(server)
    // The answer to the request sent is checked, so redirects (REDCap's `/api` → `/api/`) are not followed.
    const send: Send = (r) =>
      fetch(`${server.url}${r.path}`, {
        method: r.method,
        redirect: 'manual',
        headers: r.headers,
        ...(r.body === undefined ? {} : { body: r.body }),
      })
    const targets = targetsOf(registered.app, providers)
    await fc.assert(
      fc.asyncProperty(fc.oneof(...targets.map((target) => requestFor(target))), (r) =>
        checkAnswer(send, r),
      ),
      { seed: FUZZ_SEED, numRuns: SOCKET_RUNS },
    )
    await stillAnswers(send)
  })
})
