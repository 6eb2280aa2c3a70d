/**
 * The Redox model: OAuth API keys (each in one region and environment, with several public keys or a
 * JWKS URL), legacy keys, the replay and rate-limit ledgers, and the FHIR fixture store. Access
 * tokens themselves live in the world's credential registry.
 */
import type { JWK } from 'jose'
import type { FixtureStore } from '../../../core/fixtures.js'
import type { FhirResource, FhirStore } from './fhir-store.js'
import type { RateWindow } from './rate-limit.js'
import type { Environment, Region } from '../region.js'
import type { Algorithm, LegacyKeySeed, RedoxSettings } from './seed.js'

export interface PublicKey {
  readonly kid: string
  readonly jwk: JWK
  /** The key imported once per algorithm, so verifying an assertion never re-imports it. */
  readonly imported: Map<Algorithm, CryptoKey>
}

/** A JWKS fetched from a key's URL: trusted until `fetchedAtMs + cacheSeconds` (virtual time). */
export interface JwksCache {
  readonly keys: ReadonlyMap<string, PublicKey>
  readonly fetchedAtMs: number
}

export interface JwksUrlSource {
  readonly url: string
  cache: JwksCache | undefined
  /** The fetch under way, shared by concurrent token requests. */
  pending: Promise<JwksCache> | undefined
}

export interface ApiKey {
  readonly clientId: string
  readonly name: string
  readonly region: Region
  readonly environment: Environment
  readonly algorithms: readonly Algorithm[]
  /** Pasted public keys by kid. Ignored while a JWKS URL is set, as at Redox. */
  readonly keys: Map<string, PublicKey>
  readonly jwksUrl: JwksUrlSource | undefined
  readonly createdAt: string
}

export type LegacyKey = LegacyKeySeed

export interface RedoxState {
  readonly settings: RedoxSettings
  readonly apiKeys: Map<string, ApiKey>
  readonly legacyKeys: Map<string, LegacyKey>
  /** `iss jti` → client-clock epoch second until which a replay is refused. */
  readonly usedJti: Map<string, number>
  readonly rateWindows: Map<string, RateWindow>
  readonly fhir: FhirStore
  /** Messages accepted, for the state snapshot. */
  readonly received: { fhirOperations: number; dataModel: number }
}

export interface RedoxSnapshot {
  readonly apiKeys: readonly {
    readonly clientId: string
    readonly name: string
    readonly region: Region
    readonly environment: Environment
    readonly algorithms: readonly Algorithm[]
    readonly kids: readonly string[]
    readonly jwksUrl: string | null
  }[]
  readonly legacyKeys: readonly {
    readonly apiKey: string
    readonly name: string
    readonly region: Region
  }[]
  readonly fhirResources: number
  /** Each FHIR resource by type and id; a Patient with its name and birth date. */
  readonly fhir: readonly FhirResourceView[]
  readonly received: RedoxState['received']
}

export interface FhirResourceView {
  readonly type: string
  readonly id: string
  readonly name?: string
  readonly birthDate?: string
}

function resourceView(resource: FhirResource): FhirResourceView {
  const view = { type: resource.resourceType, id: resource.id }
  if (resource.resourceType !== 'Patient') return view
  const name = patientName(resource.name)
  const birthDate = typeof resource.birthDate === 'string' ? resource.birthDate : undefined
  return {
    ...view,
    ...(name === undefined ? {} : { name }),
    ...(birthDate === undefined ? {} : { birthDate }),
  }
}

/** A HumanName (FHIR R4 §2.24.0.1) as one line: its `text`, else given names and family. */
function patientName(names: unknown): string | undefined {
  const first = (Array.isArray(names) ? names[0] : undefined) as
    { text?: unknown; given?: unknown; family?: unknown } | undefined
  if (!first) return undefined
  if (typeof first.text === 'string') return first.text
  const given = Array.isArray(first.given) ? first.given.filter((g) => typeof g === 'string') : []
  const parts = [...given, typeof first.family === 'string' ? first.family : undefined]
  const line = parts.filter((p) => p !== undefined).join(' ')
  return line === '' ? undefined : line
}

/** A JSON-safe view; secrets (legacy secrets) never appear. */
export function snapshotState(state: RedoxState): RedoxSnapshot {
  return {
    apiKeys: [...state.apiKeys.values()].map((key) => ({
      clientId: key.clientId,
      name: key.name,
      region: key.region,
      environment: key.environment,
      algorithms: key.algorithms,
      kids: [...key.keys.keys()],
      jwksUrl: key.jwksUrl?.url ?? null,
    })),
    legacyKeys: [...state.legacyKeys.values()].map((k) => ({
      apiKey: k.apiKey,
      name: k.name,
      region: k.region,
    })),
    fhirResources: state.fhir.size,
    fhir: state.fhir.all().map(resourceView),
    received: { ...state.received },
  }
}

/** What building the state needs from the world. */
export interface StateDeps {
  readonly fixtures: FixtureStore
  readonly nowIso: string
}

/**
 * The scenario section that rebuilds this state: every API key as it stands now (keys added or
 * removed at runtime included), public keys inline; the rest as loaded, except legacy keys, whose
 * secrets a snapshot never writes.
 */
export function seedOfState(state: RedoxState, loaded: unknown): unknown {
  const base = typeof loaded === 'object' && loaded !== null ? loaded : {}
  return {
    ...base,
    legacyKeys: [],
    apiKeys: [...state.apiKeys.values()].map((key) => ({
      clientId: key.clientId,
      name: key.name,
      region: key.region,
      environment: key.environment,
      publicKeys: [...key.keys.values()].map((k) => k.jwk),
      ...(key.jwksUrl === undefined ? {} : { jwksUrl: key.jwksUrl.url }),
      algorithms: key.algorithms,
    })),
  }
}
