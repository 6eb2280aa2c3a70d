/**
 * The proxy's live state for one app: the route table (changed at runtime by
 * `PUT /_standin/routes`), one credential source per upstream (real tokens are cached across
 * scenario resets: they belong to the real world), the redactor, the recordings and the writes
 * still in flight.
 */
import type { ProviderId } from '../core/glossary.js'
import { formatPath } from '../core/issues.js'
import type { AnyProvider } from '../providers/provider.js'
import type { World } from '../world.js'
import { forwards, routeRuleProblems, type RuleProblem } from './check.js'
import { describeRef, NO_SECRETS, Redactor, type SecretReader } from './credentials.js'
import {
  compileRoutes,
  decideRoute,
  MOCK_DECISION,
  type RouteDecision,
  type RouteTable,
} from './decide.js'
import { fetchTransport } from './fetch-transport.js'
import { injectorDeps, type CredentialSource, type InjectorDefinition } from './inject/injector.js'
import { RecordingLibrary } from './replay.js'
import {
  proxySettingsFrom,
  type ProxySettings,
  type RouteRule,
  type UpstreamSettings,
} from './settings.js'
import type { Transport } from './transport.js'

const MAX_DECIDED_PATHS = 1024

export interface ProxyOptions {
  /** Routes and upstreams; by default read from the world's config. */
  readonly settings?: ProxySettings | undefined
  /** Credential injectors by provider id; by default each provider's own. */
  readonly injectors?: Readonly<Record<string, InjectorDefinition>> | undefined
  /** How upstreams are reached; by default the world's `fetch`. */
  readonly transport?: Transport | undefined
  /** Where credential references are read; the Node edge reads the environment and files. */
  readonly secrets?: SecretReader | undefined
  /** Unpredictable ids for assertions; the Node edge uses node:crypto. */
  readonly nonce?: (() => string) | undefined
}

export class ProxyRuntime {
  readonly redactor = new Redactor()
  readonly library: RecordingLibrary
  readonly transport: Transport
  /** How this standin signs the Via header of what it forwards, unique per process. */
  readonly via: string
  readonly #injectors: Readonly<Record<string, InjectorDefinition>>
  readonly #secrets: SecretReader
  readonly #nonce: () => string
  readonly #sources = new Map<string, CredentialSource>()
  readonly #pending = new Set<Promise<void>>()
  #table: RouteTable
  #recorded = 0

  constructor(
    readonly world: World,
    options: ProxyOptions = {},
  ) {
    const settings = options.settings ?? proxySettingsFrom(world.config)
    this.#injectors = options.injectors ?? injectorsOf(world.providers)
    this.transport = options.transport ?? fetchTransport(() => world.fetch)
    this.#secrets = options.secrets ?? NO_SECRETS
    this.#nonce = options.nonce ?? (() => world.random.hex(32))
    this.via = `1.1 standin-${this.#nonce().slice(0, 8)}`
    this.library = new RecordingLibrary(() => world.fixtures)
    this.#table = this.#compile(settings)
    const problems = this.problems(settings.routes)
    if (problems.length > 0) {
      throw new Error(`Failed to set up route modes: ${formatRuleProblems(problems)}.`)
    }
  }

  get settings(): ProxySettings {
    return this.#table.settings
  }

  /**
   * Decides the requests of one provider mount by their path under it. Decisions are remembered
   * until the rules change: apps ask for few distinct paths, and matching every rule's pattern
   * again costs each request several objects.
   */
  decider(provider: ProviderId, mount: string): (path: string) => RouteDecision {
    let under: RouteTable | undefined
    let known = new Map<string, RouteDecision>()
    return (path) => {
      const table = this.#table
      // Most providers have no rule: simulated, with nothing to remember.
      if (!table.byProvider.has(provider)) return MOCK_DECISION
      if (table !== under) {
        under = table
        known = new Map()
      }
      let decision = known.get(path)
      if (decision === undefined) {
        decision = decideRoute(table, { provider, mount, path })
        // Ids in paths are unbounded: past this many, the memory starts over.
        if (known.size >= MAX_DECIDED_PATHS) known.clear()
        known.set(path, decision)
      }
      return decision
    }
  }

  injectorFor(provider: ProviderId): InjectorDefinition | undefined {
    return this.#injectors[provider]
  }

  /** What stops these rules from working here: unknown providers, missing hooks and upstreams. */
  problems(routes: readonly RouteRule[]): RuleProblem[] {
    const problems: RuleProblem[] = []
    const served = this.world.providers.map((p) => p.id)
    routes.forEach((rule, index) => {
      const provider = this.world.providers.find((p) => p.id === rule.provider)
      if (!provider) {
        problems.push({
          path: ['routes', index, 'provider'],
          message: `no provider "${rule.provider}" is served here (${served.join(', ') || 'none'})`,
        })
        return
      }
      if (rule.mode !== 'mock' && !provider.authenticate) {
        problems.push({
          path: ['routes', index, 'mode'],
          message: `"${rule.mode}" needs ${rule.provider}'s local credential check, which it does not have yet`,
        })
      }
      if (forwards(rule.mode) && !this.#injectors[rule.provider]) {
        problems.push({
          path: ['routes', index, 'mode'],
          message: `standin cannot swap credentials for ${rule.provider}`,
        })
      }
    })
    const upstreams = this.settings.upstreams
    problems.push(
      ...routeRuleProblems(
        // An unknown provider is reported once, above.
        routes.map((r) => (served.includes(r.provider) ? r : { ...r, mode: 'mock' as const })),
        upstreams.map((u) => ({
          key: u.key,
          provider: u.provider,
          configured: true,
          hasCredentials: u.credentials !== undefined,
        })),
      ),
    )
    for (const u of upstreams) {
      const fields = this.#injectors[u.provider]?.fields ?? []
      for (const field of fields) {
        if (u.credentials !== undefined && u.credentials[field] === undefined) {
          problems.push({ path: ['credentials', u.key, field], message: 'is required' })
        }
      }
    }
    return problems
  }

  /** Replaces the route rules; the next request is decided by them. */
  setRoutes(routes: readonly RouteRule[]): void {
    this.#table = this.#compile({ ...this.settings, routes })
  }

  sourceFor(upstream: UpstreamSettings, injector: InjectorDefinition): CredentialSource {
    let source = this.#sources.get(upstream.key)
    if (!source) {
      source = injector.create(
        injectorDeps(upstream, {
          transport: this.transport,
          clock: this.world.realClock,
          nonce: this.#nonce,
          redactor: this.redactor,
          secrets: this.#secrets,
        }),
      )
      this.#sources.set(upstream.key, source)
    }
    return source
  }

  /** Numbers this process's recordings, so drift replays exchanges of one millisecond in order. */
  nextRecordingSeq(): number {
    return this.#recorded++
  }

  /** Keeps a recording write in view, so a switch to replay sees it. */
  track(write: Promise<void>): void {
    this.#pending.add(write)
    void write.finally(() => this.#pending.delete(write))
  }

  async settled(): Promise<void> {
    await Promise.allSettled([...this.#pending])
  }

  /** The table as `GET /_standin/routes` shows it: references named, never read. */
  describe() {
    return {
      routes: this.settings.routes,
      upstreams: this.settings.upstreams.map((u) => ({
        key: u.key,
        provider: u.provider,
        mount: u.mount,
        url: u.url,
        timeoutMs: u.timeoutMs,
        credentials: Object.fromEntries(
          Object.entries(u.credentials ?? {}).flatMap(([field, ref]) =>
            ref === undefined ? [] : [[field, describeRef(ref)]],
          ),
        ),
      })),
    }
  }

  #compile(settings: ProxySettings): RouteTable {
    const localPaths: Record<string, readonly string[]> = {}
    for (const [id, injector] of Object.entries(this.#injectors))
      localPaths[id] = injector.localPaths
    return compileRoutes(settings, localPaths)
  }
}

export function formatRuleProblems(problems: readonly RuleProblem[]): string {
  return problems.map((p) => `${formatPath(p.path)}: ${p.message}`).join('; ')
}

function injectorsOf(
  providers: readonly AnyProvider[],
): Readonly<Record<string, InjectorDefinition>> {
  const injectors: Record<string, InjectorDefinition> = {}
  for (const provider of providers)
    if (provider.injector) injectors[provider.id] = provider.injector
  return injectors
}
