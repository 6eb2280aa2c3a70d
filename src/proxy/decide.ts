/**
 * The route decision: for one request, exactly one way to serve it. Pure; the first
 * rule whose provider and pattern match wins, anything unmatched is simulated.
 *
 * Two things always stay local whatever the rules say: the paths that issue credentials (forwarding
 * them would hand a real token to the client), and a forwarding rule on a mount that has no upstream
 * (a Redox rule with only the US host configured leaves the Canada host simulated).
 */
import type { ProviderId } from '../core/glossary.js'
import { compilePathPattern, type PathMatcher } from '../core/path-pattern.js'
import type { CredentialRefs, ProxySettings, RouteRule, UpstreamSettings } from './settings.js'

export type RouteDecision =
  | { readonly kind: 'mock' }
  | {
      readonly kind: 'proxy'
      readonly upstream: UpstreamSettings
      readonly credential: CredentialRefs
    }
  | {
      readonly kind: 'record'
      readonly upstream: UpstreamSettings
      readonly credential: CredentialRefs
      /** Where recordings go, under fixtures/. */
      readonly target: string
    }
  | { readonly kind: 'replay'; readonly target: string }

export interface RouteRequest {
  readonly provider: ProviderId
  readonly mount: string
  /** The path under the mount, without the query (`/api/export/entries/ec5-demo`). */
  readonly path: string
}

interface CompiledRule {
  readonly rule: RouteRule
  readonly matches: PathMatcher
}

/** Settings with their patterns compiled once; build a new one when the settings change. */
export interface RouteTable {
  readonly settings: ProxySettings
  readonly byProvider: ReadonlyMap<string, readonly CompiledRule[]>
  readonly localPaths: ReadonlyMap<string, readonly PathMatcher[]>
}

export const MOCK_DECISION: RouteDecision = { kind: 'mock' }

export function compileRoutes(
  settings: ProxySettings,
  localPaths: Readonly<Record<string, readonly string[] | undefined>> = {},
): RouteTable {
  const byProvider = new Map<string, CompiledRule[]>()
  for (const rule of settings.routes) {
    const list = byProvider.get(rule.provider) ?? []
    list.push({ rule, matches: compilePathPattern(rule.path) })
    byProvider.set(rule.provider, list)
  }
  const local = new Map<string, PathMatcher[]>()
  for (const [provider, paths] of Object.entries(localPaths)) {
    local.set(provider, (paths ?? []).map(compilePathPattern))
  }
  return { settings, byProvider, localPaths: local }
}

export function recordingsTarget(provider: ProviderId): string {
  return `recordings/${provider}`
}

export function decideRoute(table: RouteTable, request: RouteRequest): RouteDecision {
  const rules = table.byProvider.get(request.provider)
  if (rules === undefined) return MOCK_DECISION
  if (table.localPaths.get(request.provider)?.some((m) => m(request.path))) return MOCK_DECISION
  for (const { rule, matches } of rules) {
    if (!matches(request.path)) continue
    if (rule.mode === 'mock') return MOCK_DECISION
    if (rule.mode === 'replay') return { kind: 'replay', target: recordingsTarget(rule.provider) }
    const upstream = table.settings.upstreams.find(
      (u) => u.provider === request.provider && u.mount === request.mount,
    )
    if (upstream === undefined) continue
    const credential = upstream.credentials ?? {}
    if (rule.mode === 'proxy') return { kind: 'proxy', upstream, credential }
    return { kind: 'record', upstream, credential, target: recordingsTarget(rule.provider) }
  }
  return MOCK_DECISION
}
