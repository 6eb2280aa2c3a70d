// Follows GET /_standin/events. A fetch stream rather than EventSource, because EventSource cannot
// send the admin token header; it parses the same SSE frames and reconnects the same way.
// @see https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation

import { controlHeaders, controlUrl, refusal } from './api.js'

/**
 * Calls `on(name, data)` for each event (`data` parsed from JSON) and `onDown()` when the stream
 * drops, then reconnects after the server's `retry` delay. A refusal for want of the admin token
 * stops it until `restart()`, rather than asking again every two seconds.
 */
export function followEvents({ on, onDown }) {
  let retryMs = 2000
  let resume = () => {}
  async function connect() {
    for (;;) {
      let unauthorized = false
      try {
        const response = await fetch(controlUrl('events'), {
          headers: { ...controlHeaders(), accept: 'text/event-stream' },
          cache: 'no-store',
        })
        if (!response.ok || !response.body) {
          unauthorized = response.status === 401
          const data = await response.json().catch(() => null)
          throw refusal(response.status, data, `The event stream answered ${response.status}.`)
        }
        await readFrames(response.body, (frame) => {
          if (frame.retry !== undefined) retryMs = frame.retry
          if (frame.event === undefined) return
          try {
            on(frame.event, frame.data === '' ? null : JSON.parse(frame.data))
          } catch (error) {
            // A panel's bug must not drop the stream; it still reaches the console.
            queueMicrotask(() => {
              throw error
            })
          }
        })
      } catch {
        // dropped, refused or offline: said by onDown, tried again below
      }
      onDown(unauthorized)
      await new Promise((resolve) => {
        resume = resolve
        if (!unauthorized) setTimeout(resolve, retryMs)
      })
    }
  }
  void connect()
  return { restart: () => resume() }
}

/** Splits the stream into frames: `event`, `data` (lines joined), `retry`; comments skipped. */
async function readFrames(body, handle) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader()
  let buffer = ''
  for (;;) {
    const { value, done } = await reader.read()
    if (done) return
    buffer += value.replace(/\r\n?/g, '\n')
    let end
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const frame = { data: '' }
      const data = []
      for (const line of buffer.slice(0, end).split('\n')) {
        if (line === '' || line.startsWith(':')) continue
        const colon = line.indexOf(':')
        const name = colon < 0 ? line : line.slice(0, colon)
        const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '')
        if (name === 'event') frame.event = text
        else if (name === 'data') data.push(text)
        else if (name === 'retry' && /^\d+$/.test(text)) frame.retry = Number(text)
      }
      buffer = buffer.slice(end + 2)
      frame.data = data.join('\n')
      handle(frame)
    }
  }
}
