/**
 * @module The provider registry: a list, not a switch, and the one place a provider is added (its
 * folder and one entry here). Order is the order of the dashboard. The hosts every transport and the
 * config know come from each provider's own `hosts.ts` declaration, through this list.
 */
import { epicollect } from './epicollect/index.js'
import type { CredentialField, Host } from './host.js'
import type { AnyProvider } from './provider.js'
import { redcap } from './redcap/index.js'
import { redox } from './redox/index.js'

export const providers = [redcap, epicollect, redox] as const satisfies readonly AnyProvider[]

type Shipped = (typeof providers)[number]

/** A shipped provider's id (`redcap`). */
export type ShippedProviderId = Shipped['id']

/** A shipped host's name (`redoxCa`): the config's upstream and credential key, MSW's option. */
export type HostName = Shipped['hosts']['hosts'][number]['name']

export interface ShippedHost extends Host {
  readonly name: HostName
  readonly provider: ShippedProviderId
  readonly credentials: readonly CredentialField[]
}

export const SHIPPED_PROVIDER_IDS: readonly ShippedProviderId[] = providers.map((p) => p.id)

/** Every host of every shipped provider, in registry order. */
export const SHIPPED_HOSTS: readonly ShippedHost[] = providers.flatMap((p) =>
  p.hosts.hosts.map((host) => ({ ...host, provider: p.id, credentials: p.hosts.credentials })),
)
