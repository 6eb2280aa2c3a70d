/**
 * A credential injector: how standin swaps the client's local credential for a real one on the way
 * to one provider's upstream. It knows only the upstream's protocol (where the credential travels,
 * how a real one is obtained), nothing of standin's own provider code.
 */
import type { Clock } from '../../core/clock.js'
import type { ProviderId } from '../../core/glossary.js'
import { resolveRef, type Redactor, type SecretReader } from '../credentials.js'
import type { UpstreamSettings } from '../upstream.js'
import type { Transport, UpstreamBody } from '../transport.js'

/** The part of an outgoing request a credential can live in. */
export interface CredentialCarrier {
  readonly headers: Readonly<Record<string, string>>
  readonly contentType: string | undefined
  readonly body: UpstreamBody
}

/** Where the credential travels on the wire. */
export interface CredentialPlace {
  /** Whether it travels in the body, which must then be read whole before forwarding. */
  readonly inBody: boolean
  put(request: CredentialCarrier, value: string): CredentialCarrier
}

/** The real credential for one upstream: fetched, cached and refreshed as its protocol says. */
export interface CredentialSource {
  current(): Promise<string>
  /** Forgets `value` if it is still the cached one: the upstream said it no longer works. */
  invalidate?(value: string): void
}

/** An upstream answer that means "this credential no longer works": refresh once and retry. */
export interface StaleRule {
  readonly status: number
  /** Text the body must contain too (Epicollect5 answers every auth failure 404 `ec5_256`). */
  readonly bodyIncludes?: string
}

export interface InjectorDeps {
  readonly upstream: UpstreamSettings
  readonly transport: Transport
  /** Real time: the upstream's tokens and our assertions' iat live on it. */
  readonly clock: Clock
  /** A fresh unpredictable id (assertion `jti`). */
  nonce(): string
  readonly redactor: Redactor
  /** A configured credential field's value (throws `upstream_failed` when it cannot be read). */
  secret(field: string): string
  has(field: string): boolean
}

export interface InjectorDefinition {
  readonly provider: ProviderId
  /** Paths under the mount that issue credentials: always simulated, never forwarded. */
  readonly localPaths: readonly string[]
  readonly place: CredentialPlace
  /** The credential fields the config must reference. */
  readonly fields: readonly string[]
  readonly staleWhen?: StaleRule
  create(deps: InjectorDeps): CredentialSource
}

/** Memoises a successful read; a failure is retried next time (the variable may be set by then). */
export function once<T>(read: () => T): () => T {
  let done = false
  let value: T | undefined
  return () => {
    if (!done) {
      value = read()
      done = true
    }
    return value as T
  }
}

export interface InjectorPorts {
  readonly transport: Transport
  readonly clock: Clock
  readonly nonce: () => string
  readonly redactor: Redactor
  readonly secrets: SecretReader
}

/** An injector's view of one upstream: its configured references resolve and are redacted. */
export function injectorDeps(upstream: UpstreamSettings, ports: InjectorPorts): InjectorDeps {
  const refs = upstream.credentials ?? {}
  return {
    upstream,
    transport: ports.transport,
    clock: ports.clock,
    nonce: ports.nonce,
    redactor: ports.redactor,
    has: (field) => refs[field] !== undefined,
    secret: (field) => {
      const value = resolveRef(ports.secrets, refs, field, upstream.key)
      ports.redactor.add(value, `${upstream.key}.${field}`)
      return value
    },
  }
}
