import { afterEach, describe, expect, it } from 'vitest'
import { createTestStandin, type TestStandin } from '../../src/testing/index.js'
import { echoProvider } from '../support/echo-provider.js'

const START = '2026-03-01T08:00:00.000Z'
const options = {
  providers: [echoProvider],
  scenario: { name: 'events', clock: { start: START }, providers: { echo: {} } },
}

interface Frame {
  event: string
  data: unknown
}

/** Reads `GET /_standin/events` frame by frame, as an EventSource would. */
async function openEvents(t: TestStandin) {
  const response = await t.request('/_standin/events')
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
  let buffer = ''
  return {
    response,
    async next(): Promise<Frame> {
      for (;;) {
        const end = buffer.indexOf('\n\n')
        if (end >= 0) {
          const lines = buffer.slice(0, end).split('\n')
          buffer = buffer.slice(end + 2)
          if (lines.every((line) => line.startsWith(':'))) continue
          const value = (name: string) =>
            lines.find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2)
          return { event: value('event') ?? 'message', data: JSON.parse(value('data') ?? 'null') }
        }
        const { value, done } = await reader.read()
        if (done) throw new Error('the event stream ended')
        buffer += value
      }
    },
    close: () => reader.cancel(),
  }
}

let open: { close(): Promise<void> } | undefined
afterEach(async () => {
  await open?.close()
  open = undefined
})

function post(t: TestStandin, path: string, body: unknown = {}) {
  return t.request(`/_standin/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
}

describe('event stream', () => {
  it('opens with ready and the clock, then streams each clock change', async () => {
    const t = await createTestStandin(options)
    const events = (open = await openEvents(t))
    expect(events.response.status).toBe(200)
    expect(events.response.headers.get('content-type')).toBe('text/event-stream')
    expect(events.response.headers.get('cache-control')).toBe('no-cache')
    expect(await events.next()).toEqual({
      event: 'ready',
      data: { clock: { now: START, frozen: true } },
    })
    await post(t, 'clock', { advance: 301 })
    expect(await events.next()).toEqual({
      event: 'clock:changed',
      data: { now: '2026-03-01T08:05:01.000Z', frozen: true },
    })
  })

  it('streams issued tokens without their secret and each request with why it was refused', async () => {
    const t = await createTestStandin(options)
    const events = (open = await openEvents(t))
    await events.next()
    const issued = (await (
      await t.request('/echo/token', {
        method: 'POST',
        body: new URLSearchParams({ subject: 'ana' }),
      })
    ).json()) as { token: string }
    const token = await events.next()
    expect(token).toMatchObject({
      event: 'token:issued',
      data: { provider: 'echo', kind: 'access_token', subject: 'ana', status: 'active' },
    })
    expect(JSON.stringify(token.data)).not.toContain(issued.token)
    expect((token.data as { secretPrefix: string }).secretPrefix).toBe(issued.token.slice(0, 6))
    expect(await events.next()).toMatchObject({
      event: 'request:end',
      data: { method: 'POST', path: '/echo/token', status: 200, outcome: 'ok' },
    })
    await t.request('/echo/data', { headers: { authorization: 'Bearer nope' } })
    expect(await events.next()).toEqual({
      event: 'request:end',
      data: {
        id: 2,
        at: START,
        provider: 'echo',
        method: 'GET',
        path: '/echo/data',
        status: 401,
        outcome: 'rejected',
        why: 'no such token',
        durationMs: expect.any(Number) as number,
        request: { query: {}, headers: { authorization: '[redacted]' } },
        response: {
          headers: { 'content-type': 'application/json' },
          body: {
            contentType: 'application/json',
            size: 57,
            text: '{"fault":"invalid_credentials","message":"unknown token"}',
            truncated: false,
          },
        },
      },
    })
  })

  it('streams the QA levers as token:changed and a reset as clock:changed then scenario:loaded', async () => {
    const t = await createTestStandin(options)
    await t.request('/echo/token', {
      method: 'POST',
      body: new URLSearchParams({ subject: 'ana' }),
    })
    const id = t.world.credentials.list()[0]!.id
    const events = (open = await openEvents(t))
    await events.next()
    await post(t, `tokens/${id}/expire`)
    expect(await events.next()).toMatchObject({
      event: 'token:changed',
      data: { id, status: 'expired' },
    })
    await post(t, `tokens/${id}/revoke`)
    expect(await events.next()).toMatchObject({
      event: 'token:changed',
      data: { id, status: 'revoked', revokedReason: 'revoked by the control plane' },
    })
    await post(t, 'reset')
    expect(await events.next()).toEqual({
      event: 'clock:changed',
      data: { now: START, frozen: true },
    })
    expect(await events.next()).toEqual({ event: 'scenario:loaded', data: { name: 'events' } })
  })

  it('lets go of its listeners when the client goes away', async () => {
    const t = await createTestStandin(options)
    const before = t.world.events.listenerCount('request:end')
    const events = await openEvents(t)
    await events.next()
    expect(t.world.events.listenerCount('request:end')).toBe(before + 1)
    await events.close()
    await expect.poll(() => t.world.events.listenerCount('request:end')).toBe(before)
    expect(t.world.events.listenerCount('token:issued')).toBe(0)
  })
})
