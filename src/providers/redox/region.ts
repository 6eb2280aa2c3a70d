/**
 * Redox's two hosts. Canada is the US host with a `ca` label inserted, for every API (OAuth, FHIR,
 * Data Model, legacy auth).
 * @see https://docs.redoxengine.com/how-to-use-redox/send-and-manage-requests/authenticate-an-oauth-api-key/
 */
import { z } from 'zod'

export const RegionSchema = z.enum(['us', 'ca'])
export type Region = z.output<typeof RegionSchema>

export const MOUNTS = { us: '/redox', ca: '/redox-ca' } as const satisfies Record<Region, string>

/** The real base URL of each host. */
export const REAL_BASE_URL = {
  us: 'https://api.redoxengine.com',
  ca: 'https://api.ca.redoxengine.com',
} as const satisfies Record<Region, string>

export const REGION_NAME = { us: 'US', ca: 'Canada' } as const satisfies Record<Region, string>

/** Where a client signs its assertion to, relative to a host. */
export const TOKEN_PATH = '/v2/auth/token'

export function regionOfMount(mount: string): Region {
  return mount === MOUNTS.ca ? 'ca' : 'us'
}

export function otherRegion(region: Region): Region {
  return region === 'us' ? 'ca' : 'us'
}

/** Redox environments; a key belongs to one, and FHIR URLs name it. */
export const EnvironmentSchema = z.enum(['Development', 'Staging', 'Production'])
export type Environment = z.output<typeof EnvironmentSchema>
