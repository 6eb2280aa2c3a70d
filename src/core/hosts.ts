/**
 * Which `Host` header values standin answers to. A browser sends the name it resolved, so a page on
 * a DNS-rebinding name (`attacker.example` pointed at 127.0.0.1) arrives with that name: refusing
 * names standin was not told about makes such a page unable to read or drive it
 * (docs/security.md). Loopback names and addresses are always accepted, as are the address standin
 * was bound to and the hosts the user allowed.
 */

/** The hostname of a `Host` header value (`[::1]:4010` → `::1`), lowercase, without a final dot. */
export function hostnameOf(host: string): string {
  const h = host.trim().toLowerCase()
  const name = h.startsWith('[')
    ? h.slice(1, h.indexOf(']') === -1 ? undefined : h.indexOf(']'))
    : h.split(':').length === 2
      ? (h.split(':')[0] ?? '')
      : h
  return name.endsWith('.') ? name.slice(0, -1) : name
}

export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1')
  return (
    h === 'localhost' ||
    h === '::1' ||
    /^127(\.\d{1,3}){3}$/.test(h) ||
    /^::ffff:127(\.\d{1,3}){3}$/.test(h)
  )
}

/** Addresses that mean "every interface" when bound; never a name a client addresses. */
const WILDCARDS = new Set(['0.0.0.0', '::', ''])

export class HostPolicy {
  #lastAllowed: string | undefined
  readonly #allowed: ReadonlySet<string>

  /** `bound`: the address standin listens on; `allowed`: names or addresses, any port. */
  constructor(bound: string, allowed: readonly string[]) {
    const names = allowed.map(hostnameOf)
    const own = hostnameOf(bound.includes(':') && !bound.startsWith('[') ? `[${bound}]` : bound)
    if (!WILDCARDS.has(own)) names.push(own)
    this.#allowed = new Set(names)
  }

  /** Whether a request with this `Host` header may be answered. */
  allows(host: string): boolean {
    // Every request asks, nearly always with the same Host.
    if (host === this.#lastAllowed) return true
    const name = hostnameOf(host)
    const allowed = isLoopbackHost(name) || this.#allowed.has(name)
    if (allowed) this.#lastAllowed = host
    return allowed
  }
}
