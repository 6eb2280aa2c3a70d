/**
 * A client that closes its connection mid-request (an aborted upload, a cancelled fetch) gets no
 * answer: whatever the app computes goes nowhere. The journal records such a request as `aborted`,
 * with no status, rather than the 500 a failed body read would otherwise turn into.
 *
 * On Node's edge the response is destroyed when the connection closes before the answer is written;
 * through MSW a cancelled fetch aborts the request's signal. A body read cut off this way fails
 * first with a socket error, which is recognised too, since the close may be seen a moment later.
 */

const ABORT_CODES = new Set(['ECONNRESET', 'ERR_STREAM_PREMATURE_CLOSE'])
const ABORT_MESSAGES = new Set(['aborted', 'Client connection prematurely closed.'])

export function clientGone(c: RequestContext, error?: unknown): boolean {
  if (connectionClosed(c)) return true
  if (!(error instanceof Error)) return false
  const code = (error as { code?: unknown }).code
  return (
    error.name === 'AbortError' ||
    (typeof code === 'string' && ABORT_CODES.has(code)) ||
    ABORT_MESSAGES.has(error.message)
  )
}

/** What is read of hono's Context: its bindings and its request. */
interface RequestContext {
  readonly env: unknown
  readonly req: { readonly raw: Request }
}

/** The Node edge's bindings (`c.env` there): the response a closed connection destroys. */
interface NodeBindings {
  readonly outgoing?: { readonly destroyed?: unknown }
}

/**
 * Whether the client's connection closed before the answer was written. On the Node edge the
 * response says so itself; asking the request for its `signal` there would build an AbortController
 * (and a standard Request's worth of state) for every request.
 */
export function connectionClosed(c: RequestContext): boolean {
  const outgoing = (c.env as NodeBindings | undefined)?.outgoing
  if (outgoing !== undefined) return outgoing.destroyed === true
  return c.req.raw.signal.aborted
}

export const CLIENT_GONE_WHY = 'the client closed the connection before it was answered'
