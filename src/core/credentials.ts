/**
 * Every credential standin issues, whatever the provider: REDCap API and super tokens, Epicollect5
 * access tokens, Redox access tokens. Providers look secrets up here, so the control plane's
 * expire and revoke levers work the same for all of them.
 */
import type { Clock } from './clock.js'
import type { ProviderId } from './glossary.js'
import type { Random } from './random.js'

export type CredentialStatus = 'active' | 'expired' | 'revoked'

export interface CredentialInput {
  readonly provider: ProviderId
  /** What the provider calls it: `api_token`, `super_token`, `access_token`, ... */
  readonly kind: string
  /** Who holds it: a username, a client id. */
  readonly subject: string
  readonly secret: string
  /** Lifetime in seconds from now (virtual clock); absent = never expires. */
  readonly ttlSeconds?: number
  /** Provider-specific facts the provider needs back on lookup (project, region, scope...). */
  readonly attributes?: Readonly<Record<string, string>>
}

interface Credential {
  readonly id: string
  readonly provider: ProviderId
  readonly kind: string
  readonly subject: string
  readonly secret: string
  readonly attributes: Readonly<Record<string, string>>
  readonly issuedAt: number
  expiresAt: number | null
  revokedAt: number | null
  revokedReason: string | null
  /** The times as views show them, formatted when they change, not on every lookup. */
  times: { issuedAt: string; expiresAt: string | null; revokedAt: string | null }
}

/** What leaves the registry: never the secret, only a short prefix. */
/** Where the registry announces issued and changed credentials (the world's event bus). */
export interface CredentialEvents {
  emit(type: 'token:issued' | 'token:changed', view: CredentialView): void
}

export interface CredentialView {
  readonly id: string
  readonly provider: ProviderId
  readonly kind: string
  readonly subject: string
  readonly secretPrefix: string
  readonly attributes: Readonly<Record<string, string>>
  readonly issuedAt: string
  readonly expiresAt: string | null
  readonly revokedAt: string | null
  readonly revokedReason: string | null
  readonly status: CredentialStatus
}

export type Lookup =
  | { readonly found: false }
  | { readonly found: true; readonly status: CredentialStatus; readonly credential: CredentialView }

/**
 * Dead credentials are swept out every this many issues: amortised in `issue`, no timer, so the
 * sweep follows the virtual clock and costs nothing while nothing is issued.
 */
export const PURGE_EVERY_ISSUES = 1000
/** How long (virtual time) a dead credential is kept, so a late call still hears "expired", not "unknown". */
export const DEAD_CREDENTIAL_GRACE_SECONDS = 3600
/** Holding more than this many, the grace is dropped: bounded memory beats a precise refusal reason. */
export const CREDENTIAL_HIGH_WATER = 10_000

export class CredentialRegistry {
  readonly #byId = new Map<string, Credential>()
  readonly #bySecret = new Map<string, Credential>()
  #issuedSinceSweep = 0

  constructor(
    private readonly clock: Clock,
    private readonly random: Random,
    private readonly events?: CredentialEvents,
  ) {}

  issue(input: CredentialInput): CredentialView {
    const now = this.clock.epochMs()
    const credential: Credential = {
      id: `${input.provider}-${this.random.hex(12)}`,
      provider: input.provider,
      kind: input.kind,
      subject: input.subject,
      secret: input.secret,
      attributes: input.attributes ?? {},
      issuedAt: now,
      expiresAt: input.ttlSeconds === undefined ? null : now + input.ttlSeconds * 1000,
      revokedAt: null,
      revokedReason: null,
      times: { issuedAt: '', expiresAt: null, revokedAt: null },
    }
    formatTimes(credential)
    this.#byId.set(credential.id, credential)
    this.#bySecret.set(credential.secret, credential)
    if (++this.#issuedSinceSweep >= PURGE_EVERY_ISSUES) {
      this.#issuedSinceSweep = 0
      this.purge(this.#byId.size > CREDENTIAL_HIGH_WATER ? 0 : DEAD_CREDENTIAL_GRACE_SECONDS)
    }
    const view = this.#view(credential)
    this.events?.emit('token:issued', view)
    return view
  }

  /** Finds a credential by its secret, scoped to one provider so secrets never cross providers. */
  lookup(provider: ProviderId, secret: string): Lookup {
    const credential = this.#bySecret.get(secret)
    if (!credential || credential.provider !== provider) return { found: false }
    const view = this.#view(credential)
    return { found: true, status: view.status, credential: view }
  }

  get(id: string): CredentialView | undefined {
    const credential = this.#byId.get(id)
    return credential && this.#view(credential)
  }

  /** Makes a credential expire now (virtual time). Returns undefined when the id is unknown. */
  expire(id: string): CredentialView | undefined {
    return this.#change(id, (c, now) => {
      if (c.expiresAt === null || c.expiresAt > now) c.expiresAt = now
    })
  }

  revoke(id: string, reason = 'revoked'): CredentialView | undefined {
    return this.#change(id, (c, now) => {
      if (c.revokedAt === null) {
        c.revokedAt = now
        c.revokedReason = reason
      }
    })
  }

  /** Revokes every live credential matching `match`; returns how many. */
  revokeWhere(match: (c: CredentialView) => boolean, reason: string): number {
    let n = 0
    for (const credential of this.#byId.values()) {
      const view = this.#view(credential)
      if (view.status === 'active' && match(view)) {
        this.revoke(credential.id, reason)
        n++
      }
    }
    return n
  }

  list(filter?: (c: CredentialView) => boolean): CredentialView[] {
    const out: CredentialView[] = []
    for (const credential of this.#byId.values()) {
      const view = this.#view(credential)
      if (!filter || filter(view)) out.push(view)
    }
    return out
  }

  /** Forgets credentials dead for longer than `graceSeconds`, so memory stays bounded under load. */
  purge(graceSeconds: number): number {
    const cutoff = this.clock.epochMs() - graceSeconds * 1000
    let n = 0
    for (const credential of this.#byId.values()) {
      const diedAt = credential.revokedAt ?? credential.expiresAt
      if (diedAt !== null && diedAt < cutoff) {
        this.#byId.delete(credential.id)
        this.#bySecret.delete(credential.secret)
        n++
      }
    }
    return n
  }

  get size(): number {
    return this.#byId.size
  }

  #change(id: string, mutate: (c: Credential, now: number) => void): CredentialView | undefined {
    const credential = this.#byId.get(id)
    if (!credential) return undefined
    mutate(credential, this.clock.epochMs())
    formatTimes(credential)
    const view = this.#view(credential)
    this.events?.emit('token:changed', view)
    return view
  }

  #view(c: Credential): CredentialView {
    const now = this.clock.epochMs()
    const status: CredentialStatus =
      c.revokedAt !== null
        ? 'revoked'
        : c.expiresAt !== null && c.expiresAt <= now
          ? 'expired'
          : 'active'
    return {
      id: c.id,
      provider: c.provider,
      kind: c.kind,
      subject: c.subject,
      secretPrefix: c.secret.slice(0, 6),
      attributes: c.attributes,
      ...c.times,
      revokedReason: c.revokedReason,
      status,
    }
  }
}

function formatTimes(c: Credential): void {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())
  c.times = {
    issuedAt: new Date(c.issuedAt).toISOString(),
    expiresAt: iso(c.expiresAt),
    revokedAt: iso(c.revokedAt),
  }
}
