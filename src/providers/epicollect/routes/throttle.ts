/**
 * The `throttle:<limiter>` middleware of each route group, run before anything else on the route:
 * counts the request, refuses it with 429 `ec5_255` when a window is full, and stamps
 * `X-RateLimit-Limit` / `X-RateLimit-Remaining` on whatever the route answers (errors included).
 */
import type { Context, MiddlewareHandler } from 'hono'
import type { ProviderContext, StandinEnv } from '../../provider.js'
import type { Limit } from '../state/rate-limit.js'
import type { RateLimits } from '../state/seed.js'
import type { EpicollectState } from '../state/model.js'

const MINUTE = 60
const HOUR = 3600

/** Laravel's `$request->ip()`: behind a proxy the first X-Forwarded-For address, else this host. */
function clientIp(c: Context): string {
  return c.req.header('x-forwarded-for')?.split(',')[0]?.trim() || 'local'
}

/** User agents the server gives a stricter entries limit (RateLimiterServiceProvider). */
const GOOGLE_ECOSYSTEM = /google-apps-script|googledocs|apps-spreadsheets/i

type Limiter = (c: Context, limits: RateLimits) => Limit[]

export const LIMITERS = {
  token: (c, l) => [
    { key: `oauth-token|${clientIp(c)}`, max: l.tokenPerHour, windowSeconds: HOUR },
  ],
  entries: (c, l) => {
    const slug = c.req.param('slug') ?? ''
    const limits = [
      { key: `api-export-entries|${slug}`, max: l.entriesPerMinute, windowSeconds: MINUTE },
    ]
    if (GOOGLE_ECOSYSTEM.test(c.req.header('user-agent') ?? ''))
      limits.push({
        key: `google-apps-scripts|${slug}`,
        max: l.entriesGoogleAppsScriptPerMinute,
        windowSeconds: MINUTE,
      })
    return limits
  },
  project: (c, l) => [
    {
      key: `api-export-project|${c.req.param('slug') ?? ''}`,
      max: l.projectPerMinute,
      windowSeconds: MINUTE,
    },
  ],
  media: (c, l) => [
    {
      key: `api-export-media|${c.req.param('slug') ?? ''}`,
      max: l.mediaPerMinute,
      windowSeconds: MINUTE,
    },
  ],
  global: (c, l) => [
    { key: `api-external-global|${clientIp(c)}`, max: l.globalPerMinute, windowSeconds: MINUTE },
  ],
  appMedia: (c, l) => [
    { key: `api-external-global|${clientIp(c)}`, max: l.globalPerMinute, windowSeconds: MINUTE },
    { key: `seconds|${c.req.param('slug') ?? ''}`, max: l.appMediaPerSecond, windowSeconds: 1 },
    {
      key: `minutes|${c.req.param('slug') ?? ''}`,
      max: l.appMediaPerMinute,
      windowSeconds: MINUTE,
    },
  ],
} satisfies Record<string, Limiter>

export function throttle(
  ctx: ProviderContext<EpicollectState>,
  limiter: Limiter,
): MiddlewareHandler<StandinEnv> {
  return async function throttleRequest(c, next) {
    const state = ctx.state()
    const limits = state.settings.rateLimits
    if (limits === false) {
      await next()
      return
    }
    const headers = state.limiter.hit(limiter(c, limits), ctx.world.clock.epochMs())
    await next()
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value)
  }
}
