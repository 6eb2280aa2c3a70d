/**
 * The wire: `POST <mount>/api/` runs the pipeline; any other method there is 501 (wrapped as XML,
 * since no format was posted); `<mount>/api` answers Apache's 301 to `/api/`. Bodies are read as
 * PHP reads `$_POST`: urlencoded or multipart, anything else as no parameters.
 */
import { Hono } from 'hono'
import { StandinError } from '../../../core/errors.js'
import { providerBaseUrl } from '../../base-url.js'
import type { ProviderContext, StandinEnv } from '../../provider.js'
import type { CallDeps } from '../contents/types.js'
import { rememberReturnFormat, returnFormatOf } from '../errors.js'
import type { RedcapState } from '../state/model.js'
import { handleApiCall } from './pipeline.js'
import { readParams } from '../wire/read-params.js'

export function redcapRoutes(ctx: ProviderContext<RedcapState>, mount: string): Hono<StandinEnv> {
  const app = new Hono<StandinEnv>()

  app.post('/api/', async function apiCall(c) {
    const params = await readParams(c)
    rememberReturnFormat(c.req.raw, returnFormatOf(params))
    const { world } = ctx
    const deps: CallDeps = {
      clock: world.clock,
      random: world.random,
      credentials: world.credentials,
      baseUrl: providerBaseUrl(c, mount),
    }
    const { reply, credentialId } = handleApiCall(ctx.state(), deps, params)
    c.set('credentialId', credentialId)
    return new Response(reply.body, {
      status: 200,
      headers: { 'content-type': reply.contentType, ...reply.headers },
    })
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
