/**
 * `GET /_standin/events`: the world's events as server-sent events, for the dashboard's live journal
 * and for anyone who would rather listen than poll `/_standin/requests`.
 *
 * Each SSE `event` is the name from `core/events.ts` (`request:end`, `token:issued`, `token:changed`,
 * `clock:changed`, `scenario:loaded`) and its `data` the same JSON payload the in-process bus
 * carries: journal entries with their `why`, credential views (a 6-character prefix, never a
 * secret). The stream opens with `ready` (the clock now), so a client knows it is subscribed and can
 * reload what it may have missed while disconnected.
 *
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html
 */
import { Hono } from 'hono'
import { streamSSE, type SSEStreamingApi } from 'hono/streaming'
import type { EventName } from '../core/events.js'
import type { World } from '../world.js'
import { renderAdminError } from './envelope.js'

/** Every event the stream carries: a Record, so a new event in the map must be decided on here. */
const STREAMED: Record<EventName, true> = {
  'request:end': true,
  'token:issued': true,
  'token:changed': true,
  'clock:changed': true,
  'scenario:loaded': true,
  'scenario:event': true,
  'proxy:forwarded': true,
  'recording:written': true,
}

/** A comment line this often keeps proxies and idle timeouts from closing a quiet stream. */
const KEEP_ALIVE_MS = 15_000
/** How long a browser waits before it reconnects (the SSE `retry` field). */
const RETRY_MS = 2_000
/** A client that stops reading loses its oldest events instead of growing the server's memory. */
const MAX_QUEUED = 1_000

interface Message {
  readonly event: string
  readonly data: string
}

export function eventRoutes(world: World): Hono {
  const app = new Hono()
  app.onError(renderAdminError)
  app.get('/', (c) => streamSSE(c, (stream) => pumpEvents(world, stream)))
  return app
}

async function pumpEvents(world: World, stream: SSEStreamingApi): Promise<void> {
  const queue: Message[] = []
  let wake: (() => void) | undefined
  const push = (message: Message) => {
    queue.push(message)
    if (queue.length > MAX_QUEUED) queue.shift()
    wake?.()
  }
  // Subscribe before the first write, so nothing emitted after the response starts is missed.
  const unsubscribe = (Object.keys(STREAMED) as EventName[]).map((name) =>
    world.events.on(name, (payload) => {
      push({ event: name, data: JSON.stringify(payload) })
    }),
  )
  stream.onAbort(() => wake?.())
  try {
    await stream.writeSSE({
      event: 'ready',
      data: JSON.stringify({ clock: world.clock.snapshot() }),
      retry: RETRY_MS,
    })
    while (!stream.aborted) {
      const message = queue.shift()
      if (message) {
        await stream.writeSSE(message)
        continue
      }
      const woken = await waitForEvent((resolve) => (wake = resolve))
      wake = undefined
      if (!woken && !stream.aborted) await stream.write(': keep-alive\n\n')
    }
  } finally {
    for (const off of unsubscribe) off()
  }
}

/** Resolves true when woken, false after the keep-alive interval. */
function waitForEvent(register: (wake: () => void) => void): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      resolve(false)
    }, KEEP_ALIVE_MS)
    register(() => {
      clearTimeout(timer)
      resolve(true)
    })
  })
}
