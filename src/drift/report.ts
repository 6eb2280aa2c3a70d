/**
 * A drift report: the differences of every exchange grouped by provider, route, kind and body
 * path, ranked by how many exchanges they affect, each marked with the known deviation that
 * explains it, or else the scenario setting that could close it, or else as a simulation gap.
 */
import type { ProviderId } from '../core/glossary.js'
import {
  matches,
  type DifferenceKind,
  type KnownDeviation,
  type SettingHint,
} from '../providers/drift-profile.js'
import type { AnyProvider } from '../providers/provider.js'
import type { BodyDifference } from './json-shape.js'

interface ExchangeBase {
  readonly provider: ProviderId
  readonly route: string
  readonly file: string
}

export type ExchangeResult =
  | (ExchangeBase & { readonly skipped: string })
  | (ExchangeBase & {
      readonly statuses: readonly [number, number]
      readonly differences: readonly BodyDifference[]
    })

export interface DriftFinding {
  readonly provider: ProviderId
  readonly route: string
  readonly kind: DifferenceKind
  /** Where in the body: a JSON path (`[].field_name`), a CSV column, an XML element path, or ''. */
  readonly path: string
  /** What the real service answered and what standin answered, in the first exchange. */
  readonly recorded: string
  readonly simulated: string
  readonly exchanges: number
  /** Up to three recordings that show it. */
  readonly files: readonly string[]
  readonly explainedBy?: { readonly id: string; readonly summary: string }
  /** A scenario setting that could close it; absent for a simulation gap. */
  readonly setting?: { readonly setting: string; readonly why: string }
}

export interface DriftReport {
  readonly scenario: string
  readonly exchanges: number
  readonly differing: number
  readonly unexplained: number
  readonly findings: readonly DriftFinding[]
  /** Every route replayed, with its exchange count, so passing routes show too. */
  readonly routes: readonly {
    readonly provider: ProviderId
    readonly route: string
    readonly exchanges: number
  }[]
  readonly skipped: readonly {
    readonly file: string
    readonly provider: ProviderId
    readonly why: string
  }[]
}

export function buildReport(
  scenario: string,
  results: readonly ExchangeResult[],
  providers: readonly AnyProvider[],
): DriftReport {
  const groups = new Map<string, { finding: Mutable<DriftFinding>; files: string[] }>()
  const routes = new Map<string, { provider: ProviderId; route: string; exchanges: number }>()
  let differing = 0
  for (const result of results) {
    const routeKey = `${result.provider} ${result.route}`
    const route = routes.get(routeKey) ?? {
      provider: result.provider,
      route: result.route,
      exchanges: 0,
    }
    route.exchanges++
    routes.set(routeKey, route)
    if ('skipped' in result || result.differences.length === 0) continue
    differing++
    for (const d of result.differences) {
      const key = JSON.stringify([result.provider, result.route, d.kind, d.path])
      const group = groups.get(key)
      if (group) {
        group.finding.exchanges++
        if (group.files.length < 3) group.files.push(result.file)
        continue
      }
      const like = { route: result.route, kind: d.kind, path: d.path, statuses: result.statuses }
      const profile = providers.find((p) => p.id === result.provider)?.drift
      const deviation = profile?.deviations.find((x: KnownDeviation) => matches(x.match, like))
      const hint = profile?.settings.find((x: SettingHint) => matches(x.match, like))
      groups.set(key, {
        files: [result.file],
        finding: {
          provider: result.provider,
          route: result.route,
          kind: d.kind,
          path: d.path,
          recorded: d.recorded,
          simulated: d.simulated,
          exchanges: 1,
          files: [],
          ...(deviation ? { explainedBy: { id: deviation.id, summary: deviation.summary } } : {}),
          ...(hint ? { setting: { setting: hint.setting, why: hint.why } } : {}),
        },
      })
    }
  }
  const findings = [...groups.values()]
    .map(({ finding, files }) => ({ ...finding, files }))
    .sort((a, b) => b.exchanges - a.exchanges || order(a).localeCompare(order(b)))
  return {
    scenario,
    exchanges: results.length,
    differing,
    unexplained: findings.filter((f) => f.explainedBy === undefined).length,
    findings,
    routes: [...routes.values()],
    skipped: results.flatMap((r) =>
      'skipped' in r ? [{ file: r.file, provider: r.provider, why: r.skipped }] : [],
    ),
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

function order(f: DriftFinding): string {
  return `${f.provider} ${f.route} ${f.kind} ${f.path}`
}
