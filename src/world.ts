/**
 * A world: one virtual clock, one seeded random, one credential registry, one journal and each
 * provider's state, built from a scenario. The server has one at the root; isolated sessions each
 * have their own. Reset and scenario loads replace its contents in place, so routes always read
 * the current state through it.
 */
import { SystemClock, VirtualClock, type Clock } from './core/clock.js'
import { CredentialRegistry } from './core/credentials.js'
import { EventBus } from './core/events.js'
import type { FixtureStore } from './core/fixtures.js'
import type { ProviderId } from './core/glossary.js'
import { Journal } from './core/journal.js'
import { SeededRandom, type Random } from './core/random.js'
import type { AnyProvider } from './providers/provider.js'
import { ScenarioError } from './core/data-text.js'
import type { Scenario } from './scenarios/schema.js'
import type { StandinConfig } from './config/schema.js'
import { OverrideQueue } from './core/overrides.js'
import { checkStub } from './core/stub.js'
import { realSleep, type Sleep } from './core/sleep.js'
import { ScriptedEvents } from './scenarios/events/engine.js'

export interface WorldDeps {
  readonly providers: readonly AnyProvider[]
  readonly fixtures: FixtureStore
  readonly config: StandinConfig
  /** Outbound HTTP (JWKS URLs, upstreams). Injected so tests never need the network. */
  readonly fetch: typeof fetch
  /** The wall clock; tests may pass a controllable one. */
  readonly realClock?: Clock
  /** Overrides the scenario's seed (`--seed`). */
  readonly seed?: number | string | undefined
  /** Whether the virtual clock starts frozen when the scenario does not say (tests hold it still). */
  readonly frozen?: boolean | undefined
  /** Waits real time for injected latency; tests pass one that returns at once. */
  readonly sleep?: Sleep | undefined
}

export const DEFAULT_SEED = 'standin'

export class World {
  readonly events = new EventBus()
  readonly journal: Journal
  readonly realClock: Clock
  clock: VirtualClock
  clientClock: Clock
  random: Random
  credentials: CredentialRegistry
  scenario: Scenario
  /** The loaded scenario's scripted events and the queued overrides; both start afresh on load. */
  scripted: ScriptedEvents
  overrides = new OverrideQueue()
  readonly #states = new Map<ProviderId, unknown>()

  private constructor(
    readonly deps: WorldDeps,
    scenario: Scenario,
  ) {
    this.realClock = deps.realClock ?? new SystemClock()
    this.journal = new Journal(deps.config.journalSize)
    this.scenario = scenario
    this.clock = this.#clockFor(scenario)
    this.clientClock = this.#clientClockFor(scenario)
    this.random = new SeededRandom(deps.seed ?? scenario.seed ?? DEFAULT_SEED)
    this.credentials = this.#credentialsFor()
    this.scripted = new ScriptedEvents(scenario.events ?? [], this.clock.epochMs())
  }

  static async create(scenario: Scenario, deps: WorldDeps): Promise<World> {
    const world = new World(deps, scenario)
    await world.load(scenario)
    return world
  }

  get providers(): readonly AnyProvider[] {
    return this.deps.providers
  }

  get config(): StandinConfig {
    return this.deps.config
  }

  get fixtures(): FixtureStore {
    return this.deps.fixtures
  }

  get sleep(): Sleep {
    return this.deps.sleep ?? realSleep
  }

  /** Outbound HTTP for JWKS URLs and upstreams; never the global fetch directly. */
  get fetch(): typeof fetch {
    return this.deps.fetch
  }

  stateOf(id: ProviderId): unknown {
    if (!this.#states.has(id)) throw new Error(`Provider "${id}" has no state in this world.`)
    return this.#states.get(id)
  }

  /**
   * Replaces everything with what `scenario` describes. States are built first, so a scenario that
   * fails to build leaves the old world untouched.
   */
  async load(scenario: Scenario, options: { keepClock?: boolean } = {}): Promise<void> {
    const previous = {
      clock: this.clock,
      clientClock: this.clientClock,
      random: this.random,
      credentials: this.credentials,
    }
    const keepClock = options.keepClock === true && scenario.clock === undefined
    if (!keepClock) this.clock = this.#clockFor(scenario)
    this.clientClock = this.#clientClockFor(scenario)
    this.random = new SeededRandom(this.deps.seed ?? scenario.seed ?? DEFAULT_SEED)
    this.credentials = this.#credentialsFor()
    try {
      for (const stub of scenario.stubs ?? []) checkStub(stub.respond, this.deps.fixtures)
      const states = new Map<ProviderId, unknown>()
      for (const provider of this.deps.providers) {
        states.set(provider.id, await this.#stateFor(provider, scenario))
      }
      this.#states.clear()
      for (const [id, state] of states) this.#states.set(id, state)
    } catch (error) {
      Object.assign(this, previous)
      throw error
    }
    this.scenario = scenario
    this.scripted = new ScriptedEvents(scenario.events ?? [], this.clock.epochMs())
    this.overrides = new OverrideQueue()
    for (const stub of scenario.stubs ?? []) this.overrides.add({ ...stub, source: 'scenario' })
    this.events.emit('clock:changed', this.clock.snapshot())
    this.events.emit('scenario:loaded', { name: scenario.name ?? 'unnamed' })
  }

  /**
   * A provider builds its state from the scenario's section; what it refuses there (a fixture that
   * does not exist, an app for an unknown project, two projects with one id) is a problem with the
   * scenario, reported like a schema problem at that provider's section, not a fault of standin.
   */
  async #stateFor(provider: AnyProvider, scenario: Scenario): Promise<unknown> {
    try {
      return (await provider.createState(scenario.providers[provider.id], this)) as unknown
    } catch (error) {
      // Plain Errors are the providers' refusals; TypeError, RangeError and the like stay faults.
      if (!(error instanceof Error) || error.constructor !== Error) throw error
      throw new ScenarioError(scenario.name ?? 'unnamed', [
        { path: `providers.${provider.id}`, message: error.message },
      ])
    }
  }

  reset(): Promise<void> {
    return this.load(this.scenario)
  }

  snapshot(): Record<string, unknown> {
    const out: Record<string, unknown> = {}
    for (const provider of this.deps.providers) {
      const state = this.#states.get(provider.id)
      out[provider.id] = provider.snapshot ? provider.snapshot(state) : {}
    }
    return out
  }

  #credentialsFor(): CredentialRegistry {
    return new CredentialRegistry(this.clock, this.random, this.events, {
      maxPerProvider: this.deps.config.maxCredentialsPerProvider,
    })
  }

  /**
   * A scenario without `clock.start` starts at the real time of each load and reset, not of the
   * server's start: a QA session up for hours still gets credentials stamped with the present.
   */
  #clockFor(scenario: Scenario): VirtualClock {
    const start = scenario.clock ? new Date(scenario.clock.start) : this.realClock.now()
    return new VirtualClock(
      start,
      this.realClock,
      scenario.clock?.frozen ?? this.deps.frozen ?? false,
    )
  }

  #clientClockFor(scenario: Scenario): Clock {
    // A client whose clock runs ahead stamps times that look ahead to the server: check against real − skew.
    const skewMs = -scenario.clientClockSkewSeconds * 1000
    if (skewMs === 0) return this.realClock
    const real = this.realClock
    return {
      epochMs: () => real.epochMs() + skewMs,
      now: () => new Date(real.epochMs() + skewMs),
      epochSeconds: () => Math.floor((real.epochMs() + skewMs) / 1000),
    }
  }
}
