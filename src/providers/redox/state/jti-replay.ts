/**
 * Single-use `jti`. Redox's sample calls jti "a random string to prevent replay attacks" but the
 * docs never say a replay is refused; standin refuses it by default (`rejectReplayedJti`) while the
 * assertion could still be valid: until max(exp, iat + 5 min) plus the 10 s skew, client clock.
 */
import type { JWTPayload } from 'jose'

/** Oldest entries looked at per insert: more than one, so the ledger shrinks as fast as it grows. */
const SWEEP_PER_INSERT = 4

/** Records (iss, jti); returns why it is a replay, or undefined the first time. */
export function rememberJti(
  used: Map<string, number>,
  clientId: string,
  payload: JWTPayload,
  clientNow: Date,
  rules: { readonly maxAgeSeconds: number; readonly skewSeconds: number },
): string | undefined {
  const now = Math.floor(clientNow.getTime() / 1000)
  const key = `${clientId} ${String(payload.jti)}`
  const until = used.get(key)
  if (until !== undefined && until >= now)
    return `jti ${String(payload.jti)} was already used by ${clientId} (replay refused until ${new Date(until * 1000).toISOString()})`
  sweep(used, now)
  const iat = payload.iat ?? now
  used.set(key, Math.max(payload.exp ?? 0, iat + rules.maxAgeSeconds) + rules.skewSeconds)
  return undefined
}

/**
 * Forgets the oldest entries that can no longer be replayed and moves live ones to the back, so the
 * hot token endpoint never scans the whole ledger and one long-lived `exp` cannot pin the rest.
 */
function sweep(used: Map<string, number>, now: number): void {
  let seen = 0
  for (const [key, until] of used) {
    if (seen++ >= SWEEP_PER_INSERT) break
    used.delete(key)
    if (until >= now) used.set(key, until)
  }
}
