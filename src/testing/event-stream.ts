/**
 * Reads a server-sent event stream (WHATWG HTML §9.2) as `{event, data}` items, data parsed as
 * JSON when it is JSON. Comments (`: ping`) are skipped.
 */
import type { ControlEvent } from './control-types.js'

export async function* readEvents(body: ReadableStream<Uint8Array>): AsyncIterable<ControlEvent> {
  const decoder = new TextDecoder()
  let buffer = ''
  let event = 'message'
  let data: string[] = []
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true })
    let end = buffer.search(/\r?\n/)
    while (end !== -1) {
      const line = buffer.slice(0, end)
      buffer = buffer.slice(buffer[end] === '\r' ? end + 2 : end + 1)
      if (line === '') {
        if (data.length > 0) yield { event, data: parseData(data.join('\n')) }
        event = 'message'
        data = []
      } else if (line.startsWith('event:')) event = line.slice(6).trim()
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''))
      end = buffer.search(/\r?\n/)
    }
  }
}

function parseData(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}
