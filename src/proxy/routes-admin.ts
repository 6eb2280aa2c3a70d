/**
 * `GET /_standin/routes` shows the route table (credential references named, never read);
 * `PUT /_standin/routes` with `{"routes": [...]}` replaces the rules, and the next request follows
 * them. Recordings still being written finish first, so a switch to replay sees them.
 */
import { Hono } from 'hono'
import { z } from 'zod'
import { readPayload, renderAdminError } from '../admin/envelope.js'
import { RouteModeSchema } from '../config/proxy-schema.js'
import { StandinError } from '../core/errors.js'
import { MAX_PATH_PATTERN_LENGTH } from '../core/path-pattern.js'
import { formatRuleProblems, type ProxyRuntime } from './runtime.js'

export const RoutesPayloadSchema = z
  .object({
    routes: z.array(
      z
        .object({
          provider: z.string().min(1),
          path: z
            .string()
            .startsWith('/', 'must start with "/"')
            .max(MAX_PATH_PATTERN_LENGTH)
            .default('/**'),
          mode: RouteModeSchema,
        })
        .strict(),
    ),
  })
  .strict()

export function routeModeRoutes(runtime: ProxyRuntime): Hono {
  const app = new Hono()
  app.onError(renderAdminError)
  app.get('/', (c) => c.json(runtime.describe()))
  app.put('/', async function changeRoutes(c) {
    const payload = await readPayload(c, RoutesPayloadSchema)
    const { routes } = payload
    const problems = runtime.problems(routes)
    if (problems.length > 0) {
      throw new StandinError('invalid_request', `Invalid payload: ${formatRuleProblems(problems)}.`)
    }
    await runtime.settled()
    runtime.setRoutes(routes)
    return c.json(runtime.describe())
  })
  return app
}
