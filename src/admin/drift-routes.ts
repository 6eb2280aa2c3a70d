/**
 * `POST /_standin/drift`: a drift check of the recordings in the fixture store's `recordings/`
 * folder against a fresh simulation of a scenario (the loaded one, or one named from the library).
 * The live world is left as it is. `{"format": "text" | "junit"}` answers in that format.
 */
import { Hono } from 'hono'
import { z } from 'zod'
import { readPayload } from './envelope.js'
import { onFirstUse } from '../core/first-use.js'
import type { Scenario } from '../scenarios/schema.js'
import type { World } from '../world.js'
import { DRIFT_FORMATS, renderReport } from '../drift/render.js'
import { runDrift, type Simulation } from '../drift/run.js'

export interface DriftDeps {
  readonly world: World
  /** A scenario of the library by name. */
  readonly named: (name: string) => Scenario
  /** A world of its own for the scenario, answering as this server would in mock mode. */
  readonly simulate: (scenario: Scenario) => Promise<Simulation>
}

export const driftBodySchema = onFirstUse(() =>
  z
    .object({ scenario: z.string().min(1).optional(), format: z.enum(DRIFT_FORMATS).optional() })
    .strict(),
)

export function driftRoutes(deps: DriftDeps): Hono {
  const app = new Hono()
  app.post('/', async function drift(c) {
    const body = await readPayload(c, driftBodySchema())
    const scenario = body.scenario === undefined ? deps.world.scenario : deps.named(body.scenario)
    const report = await runDrift({
      recordings: deps.world.fixtures,
      folder: 'recordings',
      simulation: await deps.simulate(scenario),
      scenario: body.scenario ?? scenario.name ?? 'loaded',
    })
    const format = body.format ?? 'json'
    if (format === 'json') return c.json(report)
    const type = format === 'junit' ? 'application/xml' : 'text/plain; charset=utf-8'
    return c.body(renderReport(report, format), 200, { 'content-type': type })
  })
  return app
}
