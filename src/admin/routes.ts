/**
 * The control plane at `/_standin`: health, the virtual clock, reset, scenario loading, the state
 * snapshot, the request journal and every issued credential. Each provider adds its own routes
 * under `/_standin/<provider>`.
 */
import { Hono } from 'hono'
import { StandinError } from '../core/errors.js'
import { isWithinClockRange } from '../core/clock.js'
import { ScenarioError } from '../core/data-text.js'
import {
  isScenarioName,
  loadScenario,
  parseScenario,
  type ScenarioSource,
} from '../scenarios/load.js'
import type { World } from '../world.js'
import { providerContext } from '../providers/provider.js'
import { driftRoutes, type DriftDeps } from './drift-routes.js'
import { fireDueEvents } from '../scenarios/events/fire.js'
import { readPayload, renderAdminError } from './envelope.js'
import { overrideRoutes } from './overrides-routes.js'
import { dashboardRoutes, type DashboardFiles } from './dashboard.js'
import { eventRoutes } from './events.js'
import { requestRoutes } from '../journal/routes.js'
import { snapshotWorld } from './snapshot.js'
import { snapshotYaml } from './snapshot-yaml.js'
import {
  clockChangeSchema,
  scenarioBodySchema,
  scenarioByNameSchema,
  tokensQuerySchema,
  MAX_TOKENS_PAGE,
} from './schema.js'

export interface AdminDeps {
  readonly world: World
  readonly version: string
  readonly scenarios?: ScenarioSource | undefined
  /** The dashboard's static files; the Node edge reads them (see admin/dashboard.ts). */
  readonly dashboard?: DashboardFiles | undefined
  /** A fresh simulated world for a scenario, for drift checks. */
  readonly simulate?: DriftDeps['simulate'] | undefined
}

export function adminRoutes(deps: AdminDeps): Hono {
  const { world } = deps
  const app = new Hono()
  app.onError(renderAdminError)
  // The guard in front of this app (guard.ts) checks Host, Origin and the admin token.
  app.route('/ui', dashboardRoutes(deps.dashboard))
  // Scripted time events fire when the virtual clock passes them: views see them fired, and a clock
  // change, reset or load fires what became due before its response reaches the caller.
  app.use(async function fireScriptedEvents(_c, next) {
    await fireDueEvents(world)
    await next()
    await fireDueEvents(world)
  })

  app.get('/health', (c) => c.json({ status: 'ok', version: deps.version }))
  // The route table and its schemas are loaded on first use: nothing else on a start needs them.
  app.get('/openapi.json', async (c) =>
    c.json((await import('./api/openapi.js')).openApiDocument()),
  )

  app.get('/clock', (c) => c.json(world.clock.snapshot()))
  app.post('/clock', async function changeClock(c) {
    const change = await readPayload(c, clockChangeSchema())
    const from = change.set === undefined ? world.clock.epochMs() : Date.parse(change.set)
    if (!isWithinClockRange(from + (change.advance ?? 0) * 1000)) {
      throw new StandinError(
        'invalid_request',
        'Failed to move the clock: the result would be outside years 0000 to 9999.',
      )
    }
    if (change.set !== undefined) world.clock.set(new Date(change.set))
    if (change.advance !== undefined) world.clock.advance(change.advance)
    if (change.freeze !== undefined) world.clock.freeze(change.freeze)
    const snapshot = world.clock.snapshot()
    world.events.emit('clock:changed', snapshot)
    return c.json(snapshot)
  })

  app.post('/reset', async function reset(c) {
    await world.reset()
    return c.json({ status: 'reset', clock: world.clock.snapshot() })
  })

  app.post('/scenario', async function loadScenarioRoute(c) {
    const body = await readPayload(c, scenarioBodySchema())
    const byName = scenarioByNameSchema().safeParse(body)
    const scenario = byName.success
      ? loadNamed(deps, byName.data.name)
      : parseScenario(body, 'request body', world.providers)
    await world.load(scenario)
    return c.json({ status: 'loaded', name: scenario.name ?? null, clock: world.clock.snapshot() })
  })

  app.get('/scenario', (c) =>
    c.json({
      name: world.scenario.name ?? null,
      description: world.scenario.description ?? null,
      events: world.scripted.status(),
    }),
  )

  app.route('/overrides', overrideRoutes(world))
  if (deps.simulate) {
    const named = (name: string) => loadNamed(deps, name)
    app.route('/drift', driftRoutes({ world, named, simulate: deps.simulate }))
  }

  app.get('/scenarios', (c) => c.json({ scenarios: deps.scenarios?.names() ?? [] }))

  app.get('/state', (c) =>
    c.json({
      clock: world.clock.snapshot(),
      scenario: world.scenario.name ?? null,
      providers: world.snapshot(),
    }),
  )

  app.route('/requests', requestRoutes(world))

  app.get('/snapshot', function snapshot(c) {
    const format = c.req.query('format') ?? 'json'
    if (format !== 'json' && format !== 'yaml')
      throw new StandinError('invalid_request', 'format must be json or yaml.')
    const { scenario, omitted } = snapshotWorld(world)
    c.header('Standin-Snapshot-Omitted', omitted.slice(0, 64).join(', '))
    if (format === 'json') return c.json(scenario)
    return c.body(snapshotYaml(scenario), 200, {
      'content-type': 'application/yaml; charset=utf-8',
    })
  })

  app.route('/events', eventRoutes(world))

  // Paged: a token load can leave tens of thousands; `next` is the cursor of the following page.
  app.get('/tokens', function listTokens(c) {
    const query = tokensQuerySchema().safeParse(c.req.query())
    if (!query.success) {
      throw new StandinError(
        'invalid_request',
        `limit must be a whole number from 1 to ${String(MAX_TOKENS_PAGE)}, and cursor the "next" of a previous page.`,
      )
    }
    return c.json(world.credentials.page(query.data.limit, query.data.cursor))
  })
  app.post('/tokens/:id/expire', (c) => c.json(changeToken(world, c.req.param('id'), 'expire')))
  app.post('/tokens/:id/revoke', (c) => c.json(changeToken(world, c.req.param('id'), 'revoke')))

  for (const provider of world.providers) {
    if (provider.adminRoutes) {
      app.route(`/${provider.id}`, provider.adminRoutes(providerContext(provider, world)))
    }
  }

  app.all('*', (c) => {
    throw new StandinError('not_found', `No control route ${c.req.method} ${c.req.path}.`)
  })
  return app
}

export function loadNamed(deps: Pick<AdminDeps, 'world' | 'scenarios'>, name: string) {
  if (!isScenarioName(name)) {
    throw new StandinError(
      'invalid_request',
      'A scenario name is 1 to 128 of the characters A-Z, a-z, 0-9, ".", "_" and "-", and names an entry of the scenario library (GET /_standin/scenarios); files load only from the command line.',
    )
  }
  if (!deps.scenarios)
    throw new StandinError('not_found', `No scenario library to load "${name}" from.`)
  const { world } = deps
  try {
    return loadScenario(name, deps.scenarios, world.providers, {
      namedOnly: true,
      maxAliasCount: world.config.yamlMaxAliasCount,
    })
  } catch (error) {
    if (error instanceof StandinError || error instanceof ScenarioError) throw error
    throw new StandinError('not_found', `Scenario "${name}" was not found in scenarios/.`)
  }
}

function changeToken(world: World, id: string, action: 'expire' | 'revoke') {
  const view =
    action === 'expire'
      ? world.credentials.expire(id)
      : world.credentials.revoke(id, 'revoked by the control plane')
  if (!view) throw new StandinError('not_found', `No credential with id "${id}".`)
  return view
}
