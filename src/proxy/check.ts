/**
 * The cross-field rules of route modes, shared by the config file's validation and
 * `PUT /_standin/routes`: a route that forwards (proxy, record) needs an upstream for its provider,
 * and every upstream such a route reaches needs credentials to swap in.
 */
import type { RouteMode } from '../core/glossary.js'

export interface RuleLike {
  readonly provider: string
  readonly mode: RouteMode
}

export interface UpstreamPresence {
  /** The upstream's key as the config spells it (`redcap`, `redoxCa`). */
  readonly key: string
  readonly provider: string
  readonly configured: boolean
  readonly hasCredentials: boolean
}

export interface RuleProblem {
  readonly path: readonly (string | number)[]
  readonly message: string
}

export function forwards(mode: RouteMode): boolean {
  return mode === 'proxy' || mode === 'record'
}

export function routeRuleProblems(
  rules: readonly RuleLike[],
  upstreams: readonly UpstreamPresence[],
): RuleProblem[] {
  const problems: RuleProblem[] = []
  const reached = new Map<string, number>()
  rules.forEach((rule, index) => {
    if (!forwards(rule.mode)) return
    const own = upstreams.filter((u) => u.provider === rule.provider)
    const configured = own.filter((u) => u.configured)
    if (configured.length === 0) {
      const keys = own.map((u) => `upstreams.${u.key}`).join(' or ')
      problems.push({
        path: ['routes', index, 'mode'],
        message: `"${rule.mode}" forwards to the real ${rule.provider}, so it needs ${keys === '' ? 'an upstream' : keys}`,
      })
    }
    for (const u of configured) if (!reached.has(u.key)) reached.set(u.key, index)
  })
  for (const [key, index] of reached) {
    const upstream = upstreams.find((u) => u.key === key)
    if (upstream && !upstream.hasCredentials) {
      problems.push({
        path: ['credentials', key],
        message: `is required: routes[${String(index)}] forwards to upstreams.${key}, and standin swaps in these credentials`,
      })
    }
  }
  return problems
}
