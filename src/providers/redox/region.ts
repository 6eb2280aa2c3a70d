/**
 * Redox's two regions, US and Canada, each one of the hosts declared in `hosts.ts`.
 */
import { z } from 'zod'
import { redoxHosts } from './hosts.js'

export const RegionSchema = z.enum(['us', 'ca'])
export type Region = z.output<typeof RegionSchema>

const [US, CA] = redoxHosts.hosts

export const MOUNTS = { us: US.mount, ca: CA.mount } as const satisfies Record<Region, string>

/** The real base URL of each host. */
export const REAL_BASE_URL = {
  us: US.realBaseUrl,
  ca: CA.realBaseUrl,
} as const satisfies Record<Region, string>

export const REGION_NAME = { us: 'US', ca: 'Canada' } as const satisfies Record<Region, string>

/** Where a client signs its assertion to, relative to a host. */
export const TOKEN_PATH = redoxHosts.tokenPath

export function regionOfMount(mount: string): Region {
  return mount === MOUNTS.ca ? 'ca' : 'us'
}

export function otherRegion(region: Region): Region {
  return region === 'us' ? 'ca' : 'us'
}

/** Redox environments; a key belongs to one, and FHIR URLs name it. */
export const EnvironmentSchema = z.enum(['Development', 'Staging', 'Production'])
export type Environment = z.output<typeof EnvironmentSchema>

/** Whether a URL's segment names an environment: a lookup, not a parse, on every FHIR request. */
export function isEnvironment(name: string): name is Environment {
  return (EnvironmentSchema.options as readonly string[]).includes(name)
}
