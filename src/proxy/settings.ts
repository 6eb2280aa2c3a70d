/**
 * What the proxy machinery works from, in the code's own terms: route rules, and upstreams keyed by
 * the mount whose requests they receive. `proxySettingsFrom(config)` reads it out of the config file's
 * vocabulary (`upstreams.redoxCa` serves `/redox-ca`); programmatic users may pass settings directly.
 */
import type { UpstreamSettings } from './upstream.js'
import type { StandinConfig } from '../config/schema.js'
import type { ProviderId, RouteMode } from '../core/glossary.js'
import { SHIPPED_HOSTS } from '../providers/index.js'

export type { CredentialRef, CredentialRefs, UpstreamSettings } from './upstream.js'

export interface RouteRule {
  readonly provider: ProviderId
  /** Pattern under the mount: `*` is one segment, `**` any depth (`/api/export/**`). */
  readonly path: string
  readonly mode: RouteMode
}

export interface ProxySettings {
  readonly routes: readonly RouteRule[]
  readonly upstreams: readonly UpstreamSettings[]
}

export const NO_PROXY: ProxySettings = { routes: [], upstreams: [] }

export function proxySettingsFrom(config: StandinConfig): ProxySettings {
  const upstreams: UpstreamSettings[] = []
  for (const host of SHIPPED_HOSTS) {
    const upstream = config.upstreams[host.name]
    if (!upstream) continue
    upstreams.push({
      key: host.name,
      provider: host.provider,
      mount: host.mount,
      url: upstream.url,
      timeoutMs: upstream.timeoutMs,
      credentials: config.credentials[host.name],
    })
  }
  return { routes: config.routes, upstreams }
}
