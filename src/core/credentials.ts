/**
 * Every credential standin issues, whatever the provider: REDCap API and super tokens, Epicollect5
 * access tokens, Redox access tokens. Providers look secrets up here, so the control plane's
 * expire and revoke levers work the same for all of them.
 */
import { isoInstant, type Clock } from './clock.js'
import type { ProviderId } from './glossary.js'
import { IssueOrder } from './issue-order.js'
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
  /** Issue order, the cursor of `page`. */
  readonly seq: number
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
  /** Forgotten by the registry (issue-order.ts skips it). */
  gone: boolean
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
/** The default for `maxCredentialsPerProvider`: past it, a provider's oldest credential is dropped. */
export const DEFAULT_MAX_CREDENTIALS_PER_PROVIDER = 20_000

export interface CredentialLimits {
  /** Most credentials one provider holds; issuing one more forgets that provider's oldest. */
  readonly maxPerProvider?: number | undefined
}

/** One page of `list`: `next` resumes after the last one returned, or is null at the end. */
export interface CredentialPage {
  readonly tokens: CredentialView[]
  readonly next: string | null
}

export class CredentialRegistry {
  readonly #byId = new Map<string, Credential>()
  readonly #bySecret = new Map<string, Credential>()
  /** Per provider, in issue order: the oldest is first, so the cap drops it in O(1). */
  readonly #byProvider = new Map<ProviderId, IssueOrder<Credential>>()
  /** Per provider and holder, so revoking a client's tokens never walks every credential. */
  readonly #bySubject = new Map<string, Set<Credential>>()
  readonly #maxPerProvider: number
  #issuedSinceSweep = 0
  #seq = 0

  constructor(
    private readonly clock: Clock,
    private readonly random: Random,
    private readonly events?: CredentialEvents,
    limits: CredentialLimits = {},
  ) {
    this.#maxPerProvider = limits.maxPerProvider ?? DEFAULT_MAX_CREDENTIALS_PER_PROVIDER
  }

  issue(input: CredentialInput): CredentialView {
    const now = this.clock.epochMs()
    const credential: Credential = {
      id: `${input.provider}-${this.random.hex(12)}`,
      seq: ++this.#seq,
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
      gone: false,
    }
    formatTimes(credential)
    this.#remember(credential)
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
    return this.#revokeAmong(this.#byId.values(), match, reason)
  }

  /**
   * As `revokeWhere`, among the credentials `subject` holds at `provider` only: what a provider
   * calls on a hot path (a new Epicollect5 token revokes its client's others).
   */
  revokeHeldBy(
    provider: ProviderId,
    subject: string,
    match: (c: CredentialView) => boolean,
    reason: string,
  ): number {
    const key = subjectKey(provider, subject)
    const held = this.#bySubject.get(key)
    if (!held) return 0
    const n = this.#revokeAmong([...held], match, reason)
    // Revoked credentials leave the index (revocation is final; an expired one may live again if
    // the clock moves back): a client asking for a token in a loop must not make each request walk
    // all its earlier ones.
    for (const credential of held) if (credential.revokedAt !== null) held.delete(credential)
    if (held.size === 0) this.#bySubject.delete(key)
    return n
  }

  #revokeAmong(
    credentials: Iterable<Credential>,
    match: (c: CredentialView) => boolean,
    reason: string,
  ): number {
    let n = 0
    for (const credential of credentials) {
      const view = this.#view(credential)
      if (view.status === 'active' && match(view)) {
        this.revoke(credential.id, reason)
        n++
      }
    }
    return n
  }

  /**
   * Up to `limit` credentials in issue order, after the one whose cursor is `after` (from a previous
   * page's `next`), so a large registry is read a page at a time.
   */
  page(limit: number, after?: string): CredentialPage {
    const from = after === undefined ? 0 : Number.parseInt(after, 10)
    const tokens: CredentialView[] = []
    let last: Credential | undefined
    for (const credential of this.#byId.values()) {
      if (credential.seq <= from) continue
      if (tokens.length === limit) return { tokens, next: String(last?.seq ?? from) }
      tokens.push(this.#view(credential))
      last = credential
    }
    return { tokens, next: null }
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
        this.#forget(credential)
        n++
      }
    }
    return n
  }

  get size(): number {
    return this.#byId.size
  }

  #remember(credential: Credential): void {
    const { provider } = credential
    let own = this.#byProvider.get(provider)
    if (!own) this.#byProvider.set(provider, (own = new IssueOrder<Credential>()))
    if (own.size >= this.#maxPerProvider) {
      const oldest = own.oldest()
      if (oldest) this.#forget(oldest)
    }
    own.push(credential)
    this.#byId.set(credential.id, credential)
    this.#bySecret.set(credential.secret, credential)
    const key = subjectKey(provider, credential.subject)
    let held = this.#bySubject.get(key)
    if (!held) this.#bySubject.set(key, (held = new Set<Credential>()))
    held.add(credential)
  }

  #forget(credential: Credential): void {
    if (credential.gone) return
    credential.gone = true
    this.#byProvider.get(credential.provider)?.forgotten()
    this.#byId.delete(credential.id)
    if (this.#bySecret.get(credential.secret) === credential)
      this.#bySecret.delete(credential.secret)
    const key = subjectKey(credential.provider, credential.subject)
    const held = this.#bySubject.get(key)
    held?.delete(credential)
    if (held?.size === 0) this.#bySubject.delete(key)
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

function subjectKey(provider: ProviderId, subject: string): string {
  return `${provider}\u0000${subject}`
}

function formatTimes(c: Credential): void {
  const iso = (ms: number | null) => (ms === null ? null : isoInstant(ms))
  c.times = {
    issuedAt: isoInstant(c.issuedAt),
    expiresAt: iso(c.expiresAt),
    revokedAt: iso(c.revokedAt),
  }
}
