/**
 * The property every answer must hold, whatever was sent: a status below 500 (unless the provider
 * documents that 5xx for that request, see DOCUMENTED_5XX), within a time limit, no zod dump, no
 * stack trace, and on the control plane its own error envelope.
 */
import { describeRequest, type FuzzRequest } from './targets.js'

/** An answer slower than this counts as a hang. */
export const ANSWER_LIMIT_MS = 5_000

const LEAKS: readonly (readonly [RegExp, string])[] = [
  [/"issues"\s*:/, 'a zod issue list'],
  [/"code"\s*:\s*"invalid_type"/, 'a zod issue'],
  [/ZodError/, 'a zod error name'],
  [/\n\s+at \S[^\n]*:\d+:\d+/, 'a stack trace'],
  [/node:internal/, 'a Node internal path'],
]

export type Send = (request: FuzzRequest) => Promise<Response>

interface Documented5xx {
  readonly matches: (request: FuzzRequest) => boolean
  readonly status: number
  /** The whole body the real service sends. */
  readonly body: (request: FuzzRequest) => string
}

/**
 * The only 5xx answers allowed: those a provider's notes in docs/protocols/ document for that exact request,
 * which a faithful simulation must give. One entry per provider route, each with its source; the
 * status and the whole body must match, so a crash on the same route still fails.
 */
const DOCUMENTED_5XX: readonly Documented5xx[] = [
  {
    // REDCap serves its API on POST only: any other method is 501 "The requested method is not
    // implemented.", in XML since nothing was posted (docs/protocols/redcap.md §1.1 and §3.1).
    matches: (r) => r.method !== 'POST' && /^\/redcap\/api\/(?:\?|$)/.test(r.path),
    status: 501,
    body: (r) =>
      r.method === 'HEAD'
        ? ''
        : '<?xml version="1.0" encoding="UTF-8" ?><hash><error>The requested method is not implemented.</error></hash>',
  },
]

function isDocumented(request: FuzzRequest, status: number, text: string): boolean {
  return DOCUMENTED_5XX.some(
    (d) => d.matches(request) && d.status === status && d.body(request) === text,
  )
}

/**
 * The answer's text. `GET /_standin/events` is a server-sent event stream that never ends by
 * design: it must open promptly with its `ready` event, and that first chunk is checked; the rest
 * is cancelled so the stream's subscription ends.
 */
async function textOf(response: Response, hang: Promise<never>): Promise<string> {
  if (!response.headers.get('content-type')?.startsWith('text/event-stream'))
    return Promise.race([response.text(), hang])
  const reader = response.body?.getReader()
  if (!reader) return ''
  try {
    const first = await Promise.race([reader.read(), hang])
    return new TextDecoder().decode(first.value)
  } finally {
    await reader.cancel()
  }
}

export async function checkAnswer(send: Send, request: FuzzRequest): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`no answer in ${String(ANSWER_LIMIT_MS)} ms to ${describeRequest(request)}`))
    }, ANSWER_LIMIT_MS)
  })
  try {
    const response = await Promise.race([send(request), hang])
    const text = await textOf(response, hang)
    const fail = (why: string) => {
      throw new Error(
        `${why}\n  request: ${describeRequest(request)}\n  answer: ${String(response.status)} ${text.slice(0, 400)}`,
      )
    }
    if (response.status >= 500 && !isDocumented(request, response.status, text))
      fail(`answered ${String(response.status)}`)
    for (const [pattern, what] of LEAKS) if (pattern.test(text)) fail(`leaked ${what}`)
    if (
      request.path.startsWith('/_standin') &&
      response.status >= 400 &&
      request.method !== 'HEAD'
    ) {
      if (!isControlEnvelope(text)) fail('control plane error is not {"error":{"code","message"}}')
    }
  } finally {
    clearTimeout(timer)
  }
}

function isControlEnvelope(text: string): boolean {
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } }
    return (
      Object.keys(body).join() === 'error' &&
      Object.keys(body.error ?? {}).join() === 'code,message' &&
      typeof body.error?.code === 'string' &&
      typeof body.error.message === 'string'
    )
  } catch {
    return false
  }
}
