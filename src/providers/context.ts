/**
 * What a provider's code is handed: the part of the world it uses, and its own state in it.
 */
import type { Clock } from '../core/clock.js'
import type { CredentialRegistry } from '../core/credentials.js'
import type { FixtureStore } from '../core/fixtures.js'
import type { ProviderId } from '../core/glossary.js'
import type { Random } from '../core/random.js'

/**
 * The part of the world a provider uses: the virtual clock (and the client's, which may be skewed),
 * the seeded random, the credential registry, fixtures, outbound fetch and the settings it reads.
 * The world implements it; its members are replaced on reset, so read them per request.
 */
export interface ProviderHost {
  readonly clock: Clock
  readonly clientClock: Clock
  readonly random: Random
  readonly credentials: CredentialRegistry
  readonly fixtures: FixtureStore
  readonly fetch: typeof fetch
  readonly config: {
    readonly rateLimits: boolean
    /** How deep a JSON or XML body may nest before it is refused (docs/input-bounds.md). */
    readonly maxNestingDepth: number
    readonly maxFilterLogicDepth: number
  }
  stateOf(id: ProviderId): unknown
}

/** What a provider's routes see: the current world (replaced on reset) and its own state in it. */
export interface ProviderContext<State> {
  readonly world: ProviderHost
  state(): State
}
