/**
 * Single-use `jti`. Redox's sample calls jti "a random string to prevent replay attacks" but the
 * docs never say a replay is refused; standin refuses it by default (`rejectReplayedJti`) while the
 * assertion could still be valid: until max(exp, iat + 5 min) plus the 10 s skew, client clock.
 */
import type { JWTPayload } from 'jose'

/** Past this many entries, each insert sweeps the ones that can no longer be replayed. */
const SWEEP_ABOVE = 10_000

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
  if (used.size >= SWEEP_ABOVE) {
    for (const [k, t] of used) if (t < now) used.delete(k)
  }
  const iat = payload.iat ?? now
  used.set(key, Math.max(payload.exp ?? 0, iat + rules.maxAgeSeconds) + rules.skewSeconds)
  return undefined
}
