/**
 * One cached access token per upstream, fetched by one request at a time: concurrent callers share
 * the fetch (Epicollect5 kills a client's previous token whenever it issues a new one, so two
 * parallel fetches would leave one caller with a dead token), and it is refreshed before it expires.
 */
import type { Clock } from '../../core/clock.js'

export interface FetchedToken {
  readonly value: string
  readonly expiresInSeconds: number
}

export class TokenCache {
  #token: { readonly value: string; readonly refreshAtMs: number } | undefined
  #pending: Promise<string> | undefined

  constructor(
    private readonly clock: Clock,
    private readonly fetchToken: () => Promise<FetchedToken>,
    /** How long before expiry to fetch a new one, from the token's lifetime. */
    private readonly earlySeconds: (lifetimeSeconds: number) => number,
  ) {}

  current(): Promise<string> {
    const token = this.#token
    if (token && this.clock.epochMs() < token.refreshAtMs) return Promise.resolve(token.value)
    this.#pending ??= this.#fetch().finally(() => {
      this.#pending = undefined
    })
    return this.#pending
  }

  invalidate(value: string): void {
    if (this.#token?.value === value) this.#token = undefined
  }

  async #fetch(): Promise<string> {
    const fetched = await this.fetchToken()
    const lifetime = fetched.expiresInSeconds
    const early = Math.min(this.earlySeconds(lifetime), lifetime / 2)
    this.#token = {
      value: fetched.value,
      refreshAtMs: this.clock.epochMs() + (lifetime - early) * 1000,
    }
    return fetched.value
  }
}
