/**
 * Builds the Redox state from a scenario's `providers.redox` section: API keys with their public
 * keys read from fixtures where the seed names a file, legacy keys, settings and the FHIR store.
 */
import { addApiKey, type KidJwk } from './api-keys.js'
import { loadFhirStore } from './fhir-store.js'
import { publicPart, readKeyFixture } from './public-keys.js'
import { RedoxSeedSchema, type ApiKeySeed, type RedoxSeed } from './seed.js'
import type { RedoxState, StateDeps } from './model.js'

export function createRedoxState(seed: RedoxSeed | undefined, deps: StateDeps): RedoxState {
  const { apiKeys, legacyKeys, ...settings } = seed ?? RedoxSeedSchema.parse({})
  const state: RedoxState = {
    settings,
    apiKeys: new Map(),
    legacyKeys: new Map(legacyKeys.map((k) => [k.apiKey, k])),
    usedJti: new Map(),
    rateWindows: new Map(),
    fhir: loadFhirStore(deps.fixtures, settings.fhir.fixtures),
    received: { fhirOperations: 0, dataModel: 0 },
  }
  for (const key of apiKeys) addApiKey(state, { ...key, jwks: seedJwks(key, deps) }, deps.nowIso)
  return state
}

function seedJwks(key: ApiKeySeed, deps: StateDeps): KidJwk[] {
  return key.publicKeys.flatMap((ref) => {
    const { fixture } = ref as { fixture?: unknown }
    if (typeof fixture !== 'string') return [publicPart(ref as KidJwk)]
    if (!deps.fixtures.exists(fixture))
      throw new Error(
        `Failed to load the keys of Redox API key "${key.clientId}": fixture "${fixture}" does not exist. Put a public JWK or a JWKS there, or give the JWK inline.`,
      )
    return readKeyFixture(deps.fixtures.readText(fixture), fixture)
  })
}
