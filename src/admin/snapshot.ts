/**
 * `GET /_standin/snapshot`: the current world as a scenario (JSON, or YAML with `?format=yaml`)
 * that a fresh standin loads to the same place: the clock now, the seed, each provider's section
 * (a provider's `seedOf` where it has one, else the section as loaded), and the queued overrides
 * and stubs as `stubs:`. Secrets are never written: each one is left out and named in the
 * `Standin-Snapshot-Omitted` header. docs/snapshot.md says what a snapshot cannot carry.
 */
import { isSecretField } from '../core/secrets.js'
import type { OverrideView } from '../core/overrides.js'
import type { World } from '../world.js'

export interface Snapshot {
  readonly scenario: Record<string, unknown>
  /** Paths of the secrets left out, `providers.redcap.projects[0].users[0].token`. */
  readonly omitted: readonly string[]
}

export function snapshotWorld(world: World): Snapshot {
  const omitted = new Set<string>()
  const providers: Record<string, unknown> = {}
  for (const provider of world.providers) {
    const loaded = world.scenario.providers[provider.id]
    const section = provider.seedOf ? provider.seedOf(world.stateOf(provider.id), loaded) : loaded
    const at = `providers.${provider.id}`
    // The loaded section too: a seedOf may leave out a part because of its secrets.
    dropped(loaded, section, at, omitted)
    if (section !== undefined) providers[provider.id] = withoutSecrets(section, at, omitted)
  }
  const { scenario } = world
  const stubs = world.overrides.list().map(toPayload)
  return {
    scenario: {
      ...(scenario.name === undefined ? {} : { name: scenario.name }),
      ...(scenario.description === undefined ? {} : { description: scenario.description }),
      seed: world.deps.seed ?? scenario.seed ?? 'standin',
      clock: { start: world.clock.now().toISOString(), frozen: world.clock.snapshot().frozen },
      clientClockSkewSeconds: scenario.clientClockSkewSeconds,
      providers,
      ...(stubs.length === 0 ? {} : { stubs }),
    },
    omitted: [...omitted],
  }
}

function toPayload(o: OverrideView): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  if (o.provider !== null) out.provider = o.provider
  if (o.path !== null) out.path = o.path
  out.times = o.sticky ? o.times : o.remaining
  if (o.outcome !== null) out.outcome = o.outcome
  if (o.delayMs > 0) out.delayMs = o.delayMs
  if (o.retryAfter !== null) out.retryAfter = o.retryAfter
  if (o.match !== null) out.match = o.match
  if (o.respond !== null) out.respond = o.respond
  if (o.sticky) out.sticky = true
  return out
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null

/**
 * Names the secrets of the loaded section's parts that the written section no longer has (a Redox
 * legacy key): a part it still has names its own secrets, so a token deleted since the load is
 * not named as if it had been left out.
 */
function dropped(loaded: unknown, written: unknown, at: string, omitted: Set<string>): void {
  if (!isObject(loaded)) return
  if (!isObject(written)) {
    withoutSecrets(loaded, at, omitted)
    return
  }
  for (const [key, member] of Object.entries(loaded)) {
    const path = Array.isArray(loaded) ? `${at}[${key}]` : `${at}.${key}`
    dropped(member, written[key], path, omitted)
  }
}

function withoutSecrets(value: unknown, at: string, omitted: Set<string>): unknown {
  if (Array.isArray(value))
    return value.map((item, i) => withoutSecrets(item, `${at}[${String(i)}]`, omitted))
  if (typeof value !== 'object' || value === null) return value
  const out: Record<string, unknown> = {}
  for (const [key, member] of Object.entries(value)) {
    if (typeof member === 'string' && isSecretField(key)) {
      omitted.add(`${at}.${key}`)
      continue
    }
    out[key] = withoutSecrets(member, `${at}.${key}`, omitted)
  }
  return out
}
