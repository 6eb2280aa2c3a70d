/**
 * The property every answer must hold, whatever was sent: a status below 500 (or a 5xx the real
 * service itself sends for that mistake), within a time limit, no zod dump, no stack trace, and on
 * the control plane its own error envelope.
 */
import { describeRequest, type FuzzRequest } from './targets.js'

/**
 * 5xx statuses a real service sends for a client's mistake: REDCap answers any method but POST on
 * its API with 501 "The requested method is not implemented." Every other 5xx is a failure.
 */
const FAITHFUL_5XX = new Set([501])

/** An answer slower than this counts as a hang (generous: RSA key generation on a busy machine). */
export const ANSWER_LIMIT_MS = 10_000

const LEAKS: readonly (readonly [RegExp, string])[] = [
  [/"issues"\s*:/, 'a zod issue list'],
  [/"code"\s*:\s*"invalid_type"/, 'a zod issue'],
  [/ZodError/, 'a zod error name'],
  [/\n\s+at \S[^\n]*:\d+:\d+/, 'a stack trace'],
  [/node:internal/, 'a Node internal path'],
]

export type Send = (request: FuzzRequest) => Promise<Response>

export async function checkAnswer(send: Send, request: FuzzRequest): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`no answer in ${String(ANSWER_LIMIT_MS)} ms to ${describeRequest(request)}`))
    }, ANSWER_LIMIT_MS)
  })
  try {
    const response = await Promise.race([send(request), hang])
    const text = await Promise.race([response.text(), hang])
    const fail = (why: string) => {
      throw new Error(
        `${why}\n  request: ${describeRequest(request)}\n  answer: ${String(response.status)} ${text.slice(0, 400)}`,
      )
    }
    if (response.status >= 500 && !FAITHFUL_5XX.has(response.status)) {
      fail(`answered ${String(response.status)}`)
    }
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
