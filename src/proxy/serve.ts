/**
 * The route-mode middleware in front of each provider mount: decide, then either let the simulated
 * routes answer (mock) or check the client's local credential and forward, record or replay.
 * Failures are StandinErrors, so each provider renders them in its own envelope.
 */
import type { MiddlewareHandler } from 'hono'
import { StandinError } from '../core/errors.js'
import type { ProviderId } from '../core/glossary.js'
import type { AnyProvider, StandinContext, StandinEnv } from '../providers/provider.js'
import { readAll, TooLargeError } from './bytes.js'
import { forward, type ClientRequest, type ForwardedResponse } from './forward.js'
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

/** Statuses whose responses carry no body (Fetch standard "null body status"). */
const NULL_BODY = new Set([101, 103, 204, 205, 304])

export function serveRouteModes(
  runtime: ProxyRuntime,
  provider: AnyProvider,
  mount: string,
): MiddlewareHandler<StandinEnv> {
  const { world } = runtime
  const ctx = { world, state: () => world.stateOf(provider.id) }
  return async function serveRouteMode(c, next) {
    const path = pathUnderMount(c.req.path, mount)
    const decision = runtime.decide(provider.id, mount, path)
    if (decision.kind === 'mock') return next()
    const injector = runtime.injectorFor(provider.id)
    const method = c.req.method
    const hasBody = method !== 'GET' && method !== 'HEAD'
    // Read whole only when the credential is in it or a copy is kept; otherwise it streams.
    const buffered =
      hasBody && (decision.kind !== 'proxy' || injector?.place.inBody === true)
        ? await readBody(c, world.config.bodyLimitBytes)
        : null
    if (!provider.authenticate) {
      throw new StandinError('internal', 'Internal error', {
        detail: `${provider.id} has no local credential check, so standin does not forward it`,
      })
    }
    await provider.authenticate(c, ctx, mount)
    const url = c.req.url
    const at = url.indexOf('?')
    const exchange: ExchangeRequest = {
      method,
      mount,
      path,
      query: at === -1 ? '' : url.slice(at + 1),
      contentType: c.req.header('content-type'),
      body: buffered,
    }
    if (decision.kind === 'replay') {
      await runtime.settled()
      const lookup = runtime.library.find(
        decision.target,
        toRecordedRequest(exchange, runtime.redactor),
      )
      if (!lookup.found) throw new StandinError('not_found', 'Not found', { detail: lookup.why })
      c.set('outcome', 'replayed')
      c.set('why', `replayed ${decision.target}/${lookup.entry.file}`)
      return recordedResponse(lookup.entry.recording.response)
    }
    if (!injector) throw new StandinError('internal', 'Internal error', { detail: 'no injector' })
    const { upstream } = decision
    if (c.req.header('via')?.includes(runtime.via.slice(4)) === true) {
      throw new StandinError('upstream_failed', 'Bad gateway', {
        detail: `loop: this request has passed through this standin already (upstreams.${upstream.key} leads back here)`,
      })
    }
    const record = decision.kind === 'record'
    const client: ClientRequest = {
      method,
      pathAndQuery: at === -1 ? path : `${path}${url.slice(at)}`,
      headers: c.req.raw.headers,
      // No abort signal: a client that leaves mid-body cancels the stream, which closes the
      // upstream connection, and asking for `signal` costs an AbortController per request.
      body: buffered ?? (hasBody ? c.req.raw.body : null),
    }
    const response = await forward(client, {
      upstream,
      transport: runtime.transport,
      injector,
      source: runtime.sourceFor(upstream, injector),
      secrets: runtime.redactor,
      identity: record,
      via: runtime.via,
    })
    c.set('outcome', 'proxied')
    world.events.emit('proxy:forwarded', {
      provider: provider.id,
      method,
      url: `${upstream.url}${client.pathAndQuery}`,
      status: response.status,
    })
    const body: ResponseBody =
      NULL_BODY.has(response.status) || method === 'HEAD' ? null : response.body
    if (!record || body === null) return responseOf(response.status, response.headers, body)
    return recordWhileStreaming(runtime, c, provider.id, decision.target, exchange, {
      ...response,
      body,
    })
  }
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

/** `/redox-ca/fhir/R4/x` under `/redox-ca` is `/fhir/R4/x`; a prefix before the mount is kept out. */
export function pathUnderMount(path: string, mount: string): string {
  const at = path.indexOf(`${mount}/`)
  if (at !== -1) return path.slice(at + mount.length)
  return path.endsWith(mount) ? '/' : path
}
