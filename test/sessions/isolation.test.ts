import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStandin, type SessionHandle, type StartedStandin } from '../../src/testing/index.js'
import { echoProvider } from '../support/echo-provider.js'

const WORKERS = 8
const ROOT_START = '2026-01-01T00:00:00.000Z'

/** Worker i: its own scenario (greeting, lifetime, start) and its own clock move. */
const plans = Array.from({ length: WORKERS }, (_, i) => ({
  subject: `worker-${String(i)}`,
  greeting: `hello from ${String(i)}`,
  ttlSeconds: 100 * (i + 1),
  start: new Date(Date.UTC(2030, i, 1)).toISOString(),
  advance: 10 * i,
}))

interface Worker {
  readonly session: SessionHandle
  readonly token: string
  readonly answer: Awaited<ReturnType<typeof data>>
}

let started: StartedStandin
let workers: Worker[]

async function obtain(base: string, subject: string): Promise<string> {
  const form = new URLSearchParams({ subject })
  const response = await fetch(`${base}/echo/token`, { method: 'POST', body: form })
  return ((await response.json()) as { token: string }).token
}

async function data(base: string, token: string) {
  const response = await fetch(`${base}/echo/data`, {
    headers: { authorization: `Bearer ${token}` },
  })
  return { status: response.status, body: (await response.json()) as unknown }
}

beforeAll(async () => {
  started = await startStandin({
    providers: [echoProvider],
    scenario: { clock: { start: ROOT_START }, providers: { echo: { greeting: 'root' } } },
  })
  // Everything below runs concurrently: eight workers interleave on one server.
  workers = await Promise.all(
    plans.map(async (plan, i) => {
      const session = await started.control.sessions.create({
        scenario: {
          name: `worker-${String(i)}`,
          clock: { start: plan.start },
          providers: { echo: { greeting: plan.greeting, ttlSeconds: plan.ttlSeconds } },
        },
      })
      const token = await obtain(session.baseUrl, plan.subject)
      await session.control.clock.advance(plan.advance)
      return { session, token, answer: await data(session.baseUrl, token) }
    }),
  )
})

afterAll(async () => {
  await started.close()
})

describe('eight concurrent sessions', () => {
  it('each answer from its own scenario state', () => {
    expect(workers.map((w) => w.answer)).toEqual(
      plans.map((p) => ({ status: 200, body: { greeting: p.greeting, subject: p.subject } })),
    )
  })

  it('each keep their own clock', async () => {
    const clocks = await Promise.all(workers.map((w) => w.session.control.clock.get()))
    expect(clocks).toEqual(
      plans.map((p) => ({
        now: new Date(Date.parse(p.start) + p.advance * 1000).toISOString(),
        frozen: true,
      })),
    )
    expect(await started.control.clock.get()).toEqual({ now: ROOT_START, frozen: true })
  })

  it('each list only the credential they issued, on their own clock', async () => {
    const lists = await Promise.all(workers.map((w) => w.session.control.tokens.list()))
    expect(lists.map((tokens) => tokens.map((t) => [t.subject, t.issuedAt]))).toEqual(
      plans.map((p) => [[p.subject, p.start]]),
    )
    expect(await started.control.tokens.list()).toEqual([])
  })

  it('each journal only their own requests', async () => {
    const journals = await Promise.all(workers.map((w) => w.session.control.requests()))
    for (const [i, journal] of journals.entries()) {
      expect(journal.map((e) => [e.method, e.path, e.at])).toEqual(
        // Newest first: the data call came after the clock moved.
        [
          ['GET', '/echo/data', clockAfter(i)],
          ['POST', '/echo/token', plans[i]!.start],
        ],
      )
    }
    expect(await started.control.requests()).toEqual([])
  })

  it("refuse every other session's token as unknown", async () => {
    const pairs = workers.flatMap((owner, i) =>
      workers.filter((_, j) => j !== i).map((other) => data(other.session.baseUrl, owner.token)),
    )
    const answers = await Promise.all(pairs)
    expect(answers).toHaveLength(WORKERS * (WORKERS - 1))
    for (const answer of answers) {
      expect(answer).toEqual({
        status: 401,
        body: { fault: 'invalid_credentials', message: 'unknown token' },
      })
    }
  })

  it('expire one session’s token by its clock while the others stay live', async () => {
    const [first, ...rest] = workers
    await first!.session.control.clock.advance(plans[0]!.ttlSeconds)
    expect(await data(first!.session.baseUrl, first!.token)).toEqual({
      status: 401,
      body: { fault: 'token_expired', message: 'expired' },
    })
    const others = await Promise.all(rest.map((w) => data(w.session.baseUrl, w.token)))
    expect(others.map((a) => a.status)).toEqual(rest.map(() => 200))
  })

  it('end one session without touching the others or the root', async () => {
    const [first, second] = workers
    await started.control.sessions.delete(first!.session.id)
    const listed = await started.control.sessions.list()
    expect(listed.map((s) => s.id).sort()).toEqual(
      workers
        .slice(1)
        .map((w) => w.session.id)
        .sort(),
    )
    expect((await data(second!.session.baseUrl, second!.token)).status).toBe(200)
    expect(await started.control.state()).toMatchObject({
      providers: { echo: { greeting: 'root' } },
    })
  })
})

function clockAfter(i: number): string {
  return new Date(Date.parse(plans[i]!.start) + plans[i]!.advance * 1000).toISOString()
}
