/**
 * The route modes in front of each provider mount (src/provider-front.ts): decide, then either let the simulated
 * routes answer (mock) or check the client's local credential and forward, record or replay.
 * Failures are StandinErrors, so each provider renders them in its own envelope.
 */
import { StandinError } from '../core/errors.js'
import type { ProviderId } from '../core/glossary.js'
import { redactUrl } from '../core/secrets.js'
import type { AnyProvider, ProviderContext, StandinContext } from '../providers/provider.js'
import { readAll, TooLargeError } from '../core/bytes.js'
import type { RouteDecision } from './decide.js'
import { forward, type ClientRequest, type ForwardedResponse } from './forward.js'
import type { InjectorDefinition } from './inject/injector.js'
import {
  fixtureName,
  requestKey,
  toFixture,
  toRecordedRequest,
  type ExchangeRequest,
} from './to-recording.js'
import { recordedResponse } from './replay.js'
import type { RecordedContext } from './recording-format.js'
import type { ProxyRuntime } from './runtime.js'
import type { ResponseBody } from './transport.js'
import type { ReceivedHeaders } from './headers.js'

/** Statuses whose responses carry no body (Fetch standard "null body status"). */
const NULL_BODY = new Set([101, 103, 204, 205, 304])

type Forwarding = Extract<RouteDecision, { kind: 'proxy' | 'record' }>
type Replaying = Extract<RouteDecision, { kind: 'replay' }>

/** One request in a non-mock mode, as the steps below see it. */
interface ModeRequest {
  readonly c: StandinContext
  readonly mount: string
  readonly path: string
  /** The raw query with its `?`, or empty. */
  readonly search: string
  readonly hasBody: boolean
  /** The whole body, when it was read (the credential is in it, or a copy is kept). */
  readonly buffered: Uint8Array | null
}

/** A non-mock route's answer, or undefined when the simulated routes answer (mock mode). */
export type RouteModeAnswer = (c: StandinContext, path: string) => Promise<Response> | undefined

export function routeModesOf(
  runtime: ProxyRuntime,
  provider: AnyProvider,
  mount: string,
): RouteModeAnswer {
  const ctx = { world: runtime.world, state: () => runtime.world.stateOf(provider.id) }
  const decide = runtime.decider(provider.id, mount)
  return function serveRouteMode(c, path) {
    const decision = decide(path)
    if (decision.kind === 'mock') return undefined
    return serveDecision(runtime, provider, ctx, mount, c, path, decision)
  }
}

async function serveDecision(
  runtime: ProxyRuntime,
  provider: AnyProvider,
  ctx: ProviderContext<unknown>,
  mount: string,
  c: StandinContext,
  path: string,
  decision: Exclude<RouteDecision, { kind: 'mock' }>,
): Promise<Response> {
  const injector = runtime.injectorFor(provider.id)
  const hasBody = c.req.method !== 'GET' && c.req.method !== 'HEAD'
  // The body is read whole only when the credential is in it or a copy is kept; else it streams.
  const whole = decision.kind !== 'proxy' || injector?.place.inBody === true
  const buffered = hasBody && whole ? await readBody(c, runtime.world.config.bodyLimitBytes) : null
  await checkLocalCredential(provider, c, ctx, mount)
  const url = c.req.url
  const at = url.indexOf('?')
  const request: ModeRequest = {
    c,
    mount,
    path,
    search: at === -1 ? '' : url.slice(at),
    hasBody,
    buffered,
  }
  if (decision.kind === 'replay') return replayRecorded(runtime, decision, request)
  if (!injector) throw new StandinError('internal', 'Internal error', { detail: 'no injector' })
  refuseLoop(runtime, c, decision)
  // Awaited here: an async function that returns a promise adopts it two ticks later.
  return await forwardUpstream(runtime, provider.id, decision, injector, request)
}

/** The request as a recording keeps it. */
function exchangeOf({ c, mount, path, search, buffered }: ModeRequest): ExchangeRequest {
  return {
    method: c.req.method,
    mount,
    path,
    query: search.slice(1),
    contentType: c.req.header('content-type'),
    body: buffered,
  }
}

/**
 * The client's headers: on the Node edge the list Node received, since asking hono's request for
 * `headers` there builds a whole standard Request; elsewhere the request's own `Headers`.
 */
function receivedHeaders(c: StandinContext): ReceivedHeaders {
  const raw = (c.env as { incoming?: { rawHeaders?: unknown } } | undefined)?.incoming?.rawHeaders
  return Array.isArray(raw) ? (raw as readonly string[]) : c.req.raw.headers
}

/** The client's local credential, checked as mock mode would, so QA's levers still apply. */
function checkLocalCredential(
  provider: AnyProvider,
  c: StandinContext,
  ctx: ProviderContext<unknown>,
  mount: string,
): Promise<void> {
  if (!provider.authenticate) {
    throw new StandinError('internal', 'Internal error', {
      detail: `${provider.id} has no local credential check, so standin does not forward it`,
    })
  }
  return provider.authenticate(c, ctx, mount)
}

/** The recorded answer to the same request, once every recording in flight is written. */
async function replayRecorded(
  runtime: ProxyRuntime,
  decision: Replaying,
  request: ModeRequest,
): Promise<Response> {
  const { c } = request
  await runtime.settled()
  const lookup = runtime.library.find(
    decision.target,
    toRecordedRequest(exchangeOf(request), runtime.redactor),
  )
  if (!lookup.found) throw new StandinError('not_found', 'Not found', { detail: lookup.why })
  c.set('outcome', 'replayed')
  c.set('why', `replayed ${decision.target}/${lookup.entry.file}`)
  return recordedResponse(lookup.entry.recording.response)
}

/** A request that already passed through this standin would loop forever. */
function refuseLoop(runtime: ProxyRuntime, c: StandinContext, decision: Forwarding): void {
  if (c.req.header('via')?.includes(runtime.via.slice(4)) === true) {
    throw new StandinError('upstream_failed', 'Bad gateway', {
      detail: `loop: this request has passed through this standin already (upstreams.${decision.upstream.key} leads back here)`,
    })
  }
}

/** Forwards with the real credential swapped in, and records the exchange in record mode. */
async function forwardUpstream(
  runtime: ProxyRuntime,
  provider: ProviderId,
  decision: Forwarding,
  injector: InjectorDefinition,
  request: ModeRequest,
): Promise<Response> {
  const { c, path, search } = request
  const { upstream } = decision
  const method = c.req.method
  const client: ClientRequest = {
    method,
    pathAndQuery: search === '' ? path : `${path}${search}`,
    headers: receivedHeaders(c),
    // No abort signal: a client that leaves mid-body cancels the stream, which closes the
    // upstream connection, and asking for `signal` costs an AbortController per request.
    body: request.buffered ?? (request.hasBody ? c.req.raw.body : null),
  }
  const response = await forward(client, {
    upstream,
    transport: runtime.transport,
    injector,
    source: runtime.sourceFor(upstream, injector),
    secrets: runtime.redactor,
    identity: decision.kind === 'record',
    via: runtime.via,
  })
  c.set('outcome', 'proxied')
  const { events } = runtime.world
  if (events.listenerCount('proxy:forwarded') > 0) {
    events.emit('proxy:forwarded', {
      provider,
      method,
      // An app may put a credential in the query (`?token=`): the event shows none.
      url: runtime.redactor.scrub(redactUrl(`${upstream.url}${client.pathAndQuery}`)),
      status: response.status,
    })
  }
  const body: ResponseBody =
    NULL_BODY.has(response.status) || method === 'HEAD' ? null : response.body
  if (decision.kind !== 'record' || body === null)
    return responseOf(response.status, response.headers, body)
  return recordWhileStreaming(runtime, c, provider, decision.target, exchangeOf(request), {
    ...response,
    body,
  })
}

/**
 * The client gets the body as it arrives (a stream is teed); the recording is written once it is
 * whole, and tracked so that a switch to replay waits for it.
 */
function recordWhileStreaming(
  runtime: ProxyRuntime,
  c: StandinContext,
  provider: ProviderId,
  target: string,
  request: ExchangeRequest,
  response: ForwardedResponse & { body: NonNullable<ResponseBody> },
): Response {
  const { body } = response
  const [toClient, toTape] = body instanceof Uint8Array ? [body, body] : body.tee()
  const recorded = toRecordedRequest(request, runtime.redactor)
  const file = fixtureName(recorded, requestKey(recorded))
  const context = recordedContext(runtime, c.get('credentialId'))
  c.set('why', `recording ${target}/${file}`)
  runtime.track(
    readAll(toTape).then(
      (bytes) => {
        const fixture = toFixture(
          { provider, request, response: { ...response, body: bytes }, recorded: context },
          runtime.redactor,
        )
        runtime.library.write(target, fixture)
        runtime.world.events.emit('recording:written', { provider, file: fixture.file })
      },
      (error: unknown) => {
        runtime.world.events.emit('recording:written', {
          provider,
          file,
          error: runtime.redactor.scrub(error instanceof Error ? error.message : String(error)),
        })
      },
    ),
  )
  return responseOf(response.status, response.headers, toClient)
}

/**
 * When the exchange happened and which local credential the app used: its kind, holder and
 * attributes (project, region, client), never its secret, so drift can use the scenario's match.
 */
function recordedContext(runtime: ProxyRuntime, credentialId: string | undefined): RecordedContext {
  const view = credentialId === undefined ? undefined : runtime.world.credentials.get(credentialId)
  // A token's jti changes on every issue and says nothing of who held it.
  const attributes = Object.fromEntries(
    Object.entries(view?.attributes ?? {}).filter(([name]) => name !== 'jti'),
  )
  return {
    at: runtime.world.realClock.now().toISOString(),
    seq: runtime.nextRecordingSeq(),
    ...(view ? { credential: { kind: view.kind, subject: view.subject, attributes } } : {}),
  }
}

/** A Response; the DOM types want an ArrayBuffer-backed Uint8Array, which every body here is. */
function responseOf(status: number, headers: Record<string, string>, body: ResponseBody): Response {
  return new Response(body as BodyInit | null, { status, headers })
}

/**
 * The whole body, at most `limit` bytes, left readable for the provider's `authenticate`. Route
 * modes run before the app's body limit, which would otherwise buffer every chunked upload. A body
 * of declared length is read through hono's cached `arrayBuffer()` (Node's fast path, and later
 * reads of the body reuse it); a chunked one is counted as it streams.
 */
async function readBody(c: StandinContext, limit: number): Promise<Uint8Array> {
  const length = c.req.header('content-length')
  try {
    if (length !== undefined && Number(length) > limit) throw new TooLargeError(`${length} bytes`)
    if (length !== undefined && c.req.header('transfer-encoding') === undefined)
      return new Uint8Array(await c.req.arrayBuffer())
    const bytes = await readAll(c.req.raw.body, limit)
    c.req.raw = new Request(c.req.raw, { body: bytes as Uint8Array<ArrayBuffer> })
    return bytes
  } catch (error) {
    if (!(error instanceof TooLargeError)) throw error
    throw new StandinError('payload_too_large', 'Request entity too large', {
      detail: `body over ${String(limit)} bytes`,
    })
  }
}
