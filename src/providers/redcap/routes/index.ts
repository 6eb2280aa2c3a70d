/**
 * The wire: `POST <mount>/api/` runs the pipeline; any other method there is 501 (wrapped as XML,
 * since no format was posted); `<mount>/api` answers Apache's 301 to `/api/`. Bodies are read as
 * PHP reads `$_POST`: urlencoded or multipart, anything else as no parameters.
 */
import { Hono, type Context } from 'hono'
import { StandinError } from '../../../core/errors.js'
import { providerBaseUrl } from '../../base-url.js'
import type { ProviderContext, ProviderHost, StandinEnv } from '../../provider.js'
import type { CallDeps, InputLimits } from '../contents/types.js'
import type { RedcapState } from '../state/model.js'
import { contentTypeHeaders } from '../wire/format.js'
import type { ApiParams } from '../wire/params.js'
import type { Reply } from '../wire/reply.js'
import { handleApiCall } from './pipeline.js'
import { loadXmlLibs } from '../wire/xml-libs.js'
import { postedParams } from './posted-params.js'

export function redcapRoutes(ctx: ProviderContext<RedcapState>, mount: string): Hono<StandinEnv> {
  const app = new Hono<StandinEnv>()
  const limits = new LimitsOf()

  function call(c: Context<StandinEnv>, params: ApiParams): Response | Promise<Response> {
    const { world } = ctx
    const deps = new RequestDeps(world, limits.of(world.config), c, mount)
    let outcome: ReturnType<typeof handleApiCall>
    try {
      outcome = handleApiCall(ctx.state(), deps, params)
    } catch (error) {
      return refused(c, error)
    }
    if (outcome instanceof StandinError) return refused(c, outcome)
    c.set('credentialId', outcome.credentialId)
    return replyResponse(outcome.reply)
  }

  function answer(c: Context<StandinEnv>, params: ApiParams): Response | Promise<Response> {
    // Only posted data, an ODM text or an uploaded file is ever parsed as XML.
    if (params.has('data') || params.has('odm') || params.files.size > 0)
      return loadXmlLibs().then(() => call(c, params))
    return call(c, params)
  }

  app.post('/api/', function apiCall(c): Response | Promise<Response> {
    const params = postedParams(c)
    return params instanceof Promise ? params.then((p) => answer(c, p)) : answer(c, params)
  })

  app.all('/api/', function notImplemented(c) {
    throw new StandinError('method_not_allowed', 'The requested method is not implemented.', {
      status: 501,
      detail: `${c.req.method} is not POST`,
    })
  })

  app.all('/api', function addSlash(c) {
    const location = `${providerBaseUrl(c, mount)}/api/`
    const body = `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>301 Moved Permanently</title>\n</head><body>\n<h1>Moved Permanently</h1>\n<p>The document has moved <a href="${location}">here</a>.</p>\n</body></html>\n`
    return c.body(body, 301, { location, 'content-type': 'text/html; charset=iso-8859-1' })
  })

  return app
}

/**
 * A refusal rendered here, with the renderer the front step set (the one the app's error handler
 * would use), rather than thrown on: each rethrow through hono's awaits costs a stack walk.
 */
function refused(c: Context<StandinEnv>, error: unknown): Promise<Response> {
  const render = c.get('renderError')
  if (render === undefined) throw error
  return render(error, c)
}

/** The world's parts as this request sees them; the base URL worked out only when a call asks. */
class RequestDeps implements CallDeps {
  readonly clock: CallDeps['clock']
  readonly random: CallDeps['random']
  readonly credentials: CallDeps['credentials']
  readonly #c: Context
  readonly #mount: string

  constructor(
    world: ProviderHost,
    readonly limits: InputLimits,
    c: Context,
    mount: string,
  ) {
    this.clock = world.clock
    this.random = world.random
    this.credentials = world.credentials
    this.#c = c
    this.#mount = mount
  }

  get baseUrl(): string {
    return providerBaseUrl(this.#c, this.#mount)
  }
}

/** The config's input bounds, read again only when the world's config is another. */
class LimitsOf {
  #config: ProviderHost['config'] | undefined
  #limits: InputLimits = { nestingDepth: 0, filterLogicDepth: 0 }

  of(config: ProviderHost['config']): InputLimits {
    if (config !== this.#config) {
      this.#config = config
      this.#limits = {
        nestingDepth: config.maxNestingDepth,
        filterLogicDepth: config.maxFilterLogicDepth,
      }
    }
    return this.#limits
  }
}

function replyResponse(reply: Reply): Response {
  const headers = reply.headers
    ? { 'content-type': reply.contentType, ...reply.headers }
    : contentTypeHeaders(reply.contentType)
  return new Response(reply.body, { status: 200, headers })
}
