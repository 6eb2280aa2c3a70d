/**
 * The one guard in front of the whole control plane (`/_standin/**` at the root and in every
 * session, the dashboard and its event stream included). In order:
 * - `Host` must be a name standin answers to (core/hosts.ts), so a DNS-rebinding page cannot reach it;
 * - `Origin`, when present, must be standin's own origin: browsers send it on every cross-site POST
 *   (`no-cors` included) and send `null` from sandboxed frames and files, so any web page but the
 *   dashboard is refused, while `curl -d` and other programs, which send none, keep working;
 * - the admin token, when one is set, on every route but `GET /_standin/health` and the
 *   dashboard's own files (public code; the page asks for the token and sends it);
 * - the body size (`controlBodyLimitBytes`), before any handler buffers it.
 * A request without a `Host` header never came from a browser over HTTP (Node refuses HTTP/1.1
 * without one): it is an in-process call (MSW, `app.fetch`), so only its `Origin` is checked.
 * Refusals are answered in the control envelope and journaled with their reason.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { bodyLimit } from '../body-limit.js'
import { StandinError } from '../core/errors.js'
import { HostPolicy } from '../core/hosts.js'
import type { World } from '../world.js'
import { adminTokenCheck } from './admin-token.js'
import { renderAdminError } from './envelope.js'

export interface ControlGuardOptions {
  readonly world: World
  readonly adminToken?: string | undefined
}

export function hostPolicyOf(world: World): HostPolicy {
  return new HostPolicy(world.config.host, world.config.allowedHosts)
}

/** Why a request's `Host` is refused, or undefined when it may be answered. */
export function hostRefusal(c: Context, policy: HostPolicy): string | undefined {
  const host = c.req.header('host')
  if (host === undefined || policy.allows(host)) return undefined
  return `the Host "${host}" is not one standin answers to: use 127.0.0.1 or localhost, or allow it with --allowed-host, STANDIN_ALLOWED_HOSTS or "allowedHosts" in the config file.`
}

function originRefusal(c: Context): string | undefined {
  const origin = c.req.header('origin')
  if (origin === undefined || origin === new URL(c.req.url).origin) return undefined
  return `a web page at ${origin === 'null' ? 'an opaque origin ("null")' : `"${origin}"`} may not use standin's control plane; only standin's own dashboard and programs that send no Origin may.`
}

export function controlPlaneGuard(options: ControlGuardOptions): MiddlewareHandler {
  const { world } = options
  const policy = hostPolicyOf(world)
  const checkToken =
    options.adminToken === undefined ? undefined : adminTokenCheck(options.adminToken)
  const maxSize = world.config.controlBodyLimitBytes
  const limitBody = bodyLimit({
    maxSize,
    onError: () => {
      throw new StandinError(
        'payload_too_large',
        `Failed to read the request body: it is over ${String(maxSize)} bytes, the control plane's limit (controlBodyLimitBytes in the config file).`,
      )
    },
  })
  return async function guardControlPlane(c, next) {
    const refusal = hostRefusal(c, policy) ?? originRefusal(c)
    if (refusal !== undefined) return refuse(c, world, refusal)
    try {
      if (checkToken && !isOpenRoute(c)) checkToken(c)
      return await limitBody(c, next)
    } catch (error) {
      return renderAdminError(error, c)
    }
  }
}

/** Health checks and the dashboard's static files need no admin token. */
function isOpenRoute(c: Context): boolean {
  const { path, method } = c.req
  if (path === '/_standin/health') return method === 'GET' || method === 'HEAD'
  return (
    (method === 'GET' || method === 'HEAD') &&
    (path === '/_standin/ui' || path.startsWith('/_standin/ui/'))
  )
}

function refuse(c: Context, world: World, why: string): Response {
  const entry = world.journal.add({
    at: world.clock.now().toISOString(),
    provider: 'standin',
    method: c.req.method,
    path: c.req.path,
    status: 403,
    outcome: 'rejected',
    why: `Refused: ${why}`,
    durationMs: 0,
  })
  world.events.emit('request:end', entry)
  return renderAdminError(new StandinError('forbidden', `Refused: ${why}`), c)
}
