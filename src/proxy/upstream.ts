/**
 * One real upstream as the proxy's mechanics see it: where it is, which provider and mount it
 * serves, and references (never values) to its real credentials.
 */
import type { ProviderId } from '../core/glossary.js'

/** A reference to a secret: an environment variable or a file, never the value itself. */
export type CredentialRef = { readonly env: string } | { readonly file: string }

/** An upstream's credential references by field name; an optional field may be absent. */
export type CredentialRefs = Readonly<Record<string, CredentialRef | undefined>>

export interface UpstreamSettings {
  /** The config's name for it (`redcap`, `redoxCa`): error messages and the control plane use it. */
  readonly key: string
  readonly provider: ProviderId
  /** The standin mount whose requests go to this upstream (`/redox-ca`). */
  readonly mount: string
  /** Base URL: `<mount>/x` is forwarded to `<url>/x`. */
  readonly url: string
  readonly timeoutMs: number
  /** References to the real credentials, by the injector's field names (`token`, `clientSecret`). */
  readonly credentials?: CredentialRefs | undefined
}
