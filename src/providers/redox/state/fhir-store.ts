/**
 * The FHIR resources the FHIR API serves, read once from `fixtures/<dir>/*.json` (each file a
 * resource or a Bundle of them) and indexed by type and id. Resources are never changed, so one
 * store is shared by every world that reads the same folder.
 */
import { utf8 } from '../../../core/bytes.js'
import type { FixtureStore } from '../../../core/fixtures.js'

export interface FhirResource {
  readonly resourceType: string
  readonly id: string
  readonly [member: string]: unknown
}

export interface FhirStore {
  readonly size: number
  ofType(type: string): readonly FhirResource[]
  /** Every resource, in the order loaded. */
  all(): readonly FhirResource[]
  find(type: string, id: string): FhirResource | undefined
}

const loaded = new WeakMap<FixtureStore, Map<string, FhirStore>>()
const encoded = new WeakMap<FhirResource, Uint8Array<ArrayBuffer>>()

/**
 * A resource as the UTF-8 bytes of its JSON, encoded once: resources never change, and a read sends
 * them whole. Bytes rather than text, so that no answer measures or encodes the text again.
 */
export function resourceBytes(resource: FhirResource): Uint8Array<ArrayBuffer> {
  let bytes = encoded.get(resource)
  if (bytes === undefined) {
    bytes = utf8(JSON.stringify(resource))
    encoded.set(resource, bytes)
  }
  return bytes
}

export function loadFhirStore(fixtures: FixtureStore, dir: string): FhirStore {
  let byDir = loaded.get(fixtures)
  if (!byDir) {
    byDir = new Map()
    loaded.set(fixtures, byDir)
  }
  let store = byDir.get(dir)
  if (!store) {
    store = buildStore(readResources(fixtures, dir))
    byDir.set(dir, store)
  }
  return store
}

function readResources(fixtures: FixtureStore, dir: string): FhirResource[] {
  const out: FhirResource[] = []
  for (const name of fixtures.list(dir)) {
    if (!name.endsWith('.json')) continue
    const path = `${dir}/${name}`
    let data: unknown
    try {
      data = JSON.parse(fixtures.readText(path))
    } catch (error) {
      throw new Error(`Failed to load FHIR fixture "${path}": ${(error as Error).message}`, {
        cause: error,
      })
    }
    const entries = isBundle(data) ? (data.entry ?? []).map((e) => e.resource) : [data]
    for (const resource of entries) {
      if (!isResource(resource))
        throw new Error(
          `Failed to load FHIR fixture "${path}": every resource needs a resourceType and an id.`,
        )
      out.push(resource)
    }
  }
  return out
}

function buildStore(resources: readonly FhirResource[]): FhirStore {
  const byType = new Map<string, Map<string, FhirResource>>()
  for (const resource of resources) {
    let ofType = byType.get(resource.resourceType)
    if (!ofType) {
      ofType = new Map()
      byType.set(resource.resourceType, ofType)
    }
    ofType.set(resource.id, resource)
  }
  return {
    size: resources.length,
    ofType: (type) => [...(byType.get(type)?.values() ?? [])],
    all: () => resources,
    find: (type, id) => byType.get(type)?.get(id),
  }
}

function isBundle(data: unknown): data is { entry?: { resource?: unknown }[] } {
  return (data as { resourceType?: unknown } | null)?.resourceType === 'Bundle'
}

function isResource(data: unknown): data is FhirResource {
  const r = data as { resourceType?: unknown; id?: unknown } | null
  return typeof r?.resourceType === 'string' && typeof r.id === 'string'
}
