/**
 * Where a provider lives, declared once in its folder's `hosts.ts`: each host's name, the mount
 * standin serves it under and the real base URL it stands in for, plus the real credentials proxy
 * mode needs. Mounts, the config's upstream and credential keys, the MSW host routes and the
 * testing client's base URLs are all derived from these declarations (see `providers/index.ts`).
 */

export interface Host {
  /** The key config and transports use: `upstreams.<name>`, `credentials.<name>`, MSW's option. */
  readonly name: string
  /** Where standin serves this host (`/redox-ca`). */
  readonly mount: string
  /** The real service's base URL; REDCap, which each institution runs, has an example host. */
  readonly realBaseUrl: string
}

/** A real credential proxy mode needs for each host, always given as a reference in the config. */
export interface CredentialField {
  readonly name: string
  readonly optional?: boolean
  readonly description?: string
}

export interface ProviderHosts {
  readonly id: string
  readonly hosts: readonly Host[]
  readonly credentials: readonly CredentialField[]
  /** The OAuth token endpoint under each host, when the provider has one. */
  readonly tokenPath?: string
  /** The lifetime of the upstream's access tokens when its answer does not say. */
  readonly tokenLifetimeSeconds?: number
}

/** The credential fields a host's config must reference. */
export function requiredCredentials(hosts: ProviderHosts): string[] {
  return hosts.credentials.filter((field) => field.optional !== true).map((field) => field.name)
}

/** `/redox-ca/fhir/R4/x` under `/redox-ca` is `/fhir/R4/x`; a prefix before the mount is kept out. */
export function pathUnderMount(path: string, mount: string): string {
  const at = path.indexOf(`${mount}/`)
  if (at !== -1) return path.slice(at + mount.length)
  return path.endsWith(mount) ? '/' : path
}
