/**
 * The one contract every simulated provider satisfies. Adding a provider means adding a folder
 * that exports one `Provider` and one entry in `providers/index.ts`.
 */
import type { Context, Hono } from 'hono'
import type { z } from 'zod'
import type { StandinError } from '../core/errors.js'
import type { Outcome, ProviderId } from '../core/glossary.js'
import type { InjectorDefinition } from '../proxy/inject/injector.js'
import type { ProviderContext, ProviderHost } from './context.js'
import type { ProviderHosts } from './host.js'
import type { DriftProfile } from './drift-profile.js'

export type { ProviderContext, ProviderHost } from './context.js'

/** Per-request variables every provider sub-app may set; the journal reads them. */
export interface StandinEnv {
  Variables: {
    /** Why a request was refused or what happened, for the journal (never the wire). */
    why: string
    outcome: Outcome
    credentialId: string
    /** The fault behind an internal-error answer, for the access log's stack (never the wire). */
    internalError: StandinError
    /** How this request's errors are rendered: its provider's envelope (provider-front.ts). */
    renderError: (error: unknown, c: Context<StandinEnv>) => Promise<Response>
  }
}

export type StandinContext = Context<StandinEnv>

export interface Provider<State = unknown, Seed = unknown> {
  readonly id: ProviderId
  readonly title: string
  /** URL prefixes the provider answers under (Redox has `/redox` and `/redox-ca`). */
  readonly mounts: readonly string[]
  /** Where the real service lives, for the transports and the config (see `host.ts`). */
  readonly hosts?: ProviderHosts
  /** How proxy mode swaps the client's local credential for a real one on the way upstream. */
  readonly injector?: InjectorDefinition
  /** The provider's section of a scenario file, `providers.<id>`. */
  readonly seedSchema: z.ZodType<Seed>
  /** Builds the provider's initial state from its (parsed) scenario section. */
  createState(seed: Seed | undefined, world: ProviderHost): State | Promise<State>
  /** The wire routes, mounted under `mount`. */
  routes(ctx: ProviderContext<State>, mount: string): Hono<StandinEnv>
  /** Control-plane routes, mounted under `/_standin/<id>`. */
  adminRoutes?(ctx: ProviderContext<State>): Hono
  /**
   * Checks the client's local credential on a request standin does not simulate itself (a route in
   * proxy, record or replay mode), so QA's expiry and revocation levers still work there: throws
   * the provider's StandinError when the credential is unknown, expired or revoked, and sets
   * `credentialId` on success, as the provider's own routes do. The body, when the proxy needs it,
   * has been read already (`c.req.parseBody()` reads the cached copy); otherwise only headers may
   * be read, because the body streams to the upstream.
   */
  authenticate?(c: StandinContext, ctx: ProviderContext<State>, mount: string): Promise<void>
  /** Renders an error exactly as the real provider would. */
  renderError(error: StandinError, c: StandinContext, mount: string): Response | Promise<Response>
  /**
   * The provider's scenario section that rebuilds this state, for `GET /_standin/snapshot`; `loaded`
   * is the section the world was loaded from. Without it, the snapshot repeats `loaded`.
   */
  seedOf?(state: State, loaded: unknown): unknown
  /** A JSON-safe view of the state for `GET /_standin/state`. */
  snapshot?(state: State): unknown
  /** Named actions scenario events can call as `<id>.<name>` (see `providers/action.ts`). */
  readonly actions?: Readonly<Record<string, ProviderAction<State>>>
  /** How drift checks replay this provider's recordings (see `providers/drift-profile.ts`). */
  readonly drift?: DriftProfile<State>
}

/** The context a provider's routes, admin routes and actions get for one world. */
export function providerContext<State>(
  provider: Provider<State>,
  world: ProviderHost,
): ProviderContext<State> {
  return { world, state: () => world.stateOf(provider.id) as State }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the registry holds providers of every state type
export type AnyProvider = Provider<any, any>

/** What an action reports for the log and `GET /_standin/scenario`, e.g. "deleted the app of demo". */
export type ActionResult = string | undefined

export interface ProviderAction<State = unknown> {
  /** One line for humans: what the action does, like the provider's own button would. */
  readonly description: string
  /** The action's arguments: the keys next to `action` in a scenario event. */
  readonly schema: z.ZodObject
  /** Applies the action to the provider's current state. Throw a StandinError when it cannot. */
  run(ctx: ProviderContext<State>, args: unknown): ActionResult | Promise<ActionResult>
}
