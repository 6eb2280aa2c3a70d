/**
 * What a provider tells drift checks (see docs/drift.md): how to name a route for the report, how
 * to give a recorded request the scenario's credential in place of the one the app used, which
 * scenario settings can explain a difference, and its known deviations from the real service as
 * data, so a report can mark the differences they explain.
 */
import type { ProviderContext } from './provider.js'

/** A recorded request as drift replays it (bodies flattened to their fields where they have any). */
export interface DriftRequest {
  readonly method: string
  readonly mount: string
  /** Path under the mount. */
  readonly path: string
  readonly query: readonly (readonly [string, string])[]
  /** Form fields or multipart text parts, in order; empty for other bodies. */
  readonly fields: readonly (readonly [string, string])[]
}

/** The local credential the app used when the exchange was recorded: identity only, no secret. */
export interface RecordedCredential {
  readonly kind: string
  readonly subject: string
  readonly attributes: Readonly<Record<string, string>>
}

/** Where the scenario's credential goes: fields to set in the body, headers to add. */
export interface DriftAuthorization {
  readonly fields?: Readonly<Record<string, string>>
  readonly headers?: Readonly<Record<string, string>>
}

export type DifferenceKind =
  'status' | 'content-type' | 'error' | 'missing' | 'extra' | 'type' | 'length' | 'value'

/**
 * Which differences an entry speaks of. Every given part must hold: `route` is a prefix of the
 * route's name, `kinds` lists kinds, `path` is the body path exactly (`[].field_name`), `status`
 * is what the real service or standin answered.
 */
export interface DifferenceMatch {
  readonly route?: string
  readonly kinds?: readonly DifferenceKind[]
  readonly path?: string
  readonly status?: number
}

/** A scenario setting that can close a difference: its dotted path in a scenario file. */
export interface SettingHint {
  readonly setting: string
  readonly why: string
  readonly match: DifferenceMatch
}

/** A documented way standin differs from the real service. */
export interface KnownDeviation {
  readonly id: string
  readonly summary: string
  readonly match: DifferenceMatch
}

export interface DriftProfile<State> {
  /** The route's name in a report: `POST /api/ content=record action=export`. */
  route(request: DriftRequest): string
  authorize(
    ctx: ProviderContext<State>,
    request: DriftRequest,
    credential: RecordedCredential | undefined,
  ): Promise<DriftAuthorization>
  readonly settings: readonly SettingHint[]
  readonly deviations: readonly KnownDeviation[]
}

export interface DifferenceLike {
  readonly route: string
  readonly kind: DifferenceKind
  readonly path: string
  /** The statuses the real service and standin answered. */
  readonly statuses: readonly [number, number]
}

export function matches(match: DifferenceMatch, difference: DifferenceLike): boolean {
  if (match.route !== undefined && !difference.route.startsWith(match.route)) return false
  if (match.kinds !== undefined && !match.kinds.includes(difference.kind)) return false
  if (match.status !== undefined && !difference.statuses.includes(match.status)) return false
  return match.path === undefined || match.path === difference.path
}
