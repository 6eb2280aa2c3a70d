/**
 * The admin token that guards the control plane when standin is reachable from other machines.
 * Accepted as `Authorization: Bearer <token>` or `Standin-Admin-Token: <token>`; anything else is
 * 401 in the control plane's own envelope. Compared in constant time so response timing does not
 * reveal how much of a guess was right. The control-plane guard (guard.ts) applies it.
 */
import type { Context } from 'hono'
import { StandinError } from '../core/errors.js'

export const ADMIN_TOKEN_HEADER = 'standin-admin-token'

/** A check that throws `invalid_credentials` unless the request carries `token`. */
export function adminTokenCheck(token: string): (c: Context) => void {
  const expected = new TextEncoder().encode(token)
  return function checkAdminToken(c) {
    const bearer = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1]
    const given = c.req.header(ADMIN_TOKEN_HEADER) ?? bearer
    if (given === undefined || !sameBytes(new TextEncoder().encode(given.trim()), expected)) {
      throw new StandinError(
        'invalid_credentials',
        'The control plane needs the admin token: send "Authorization: Bearer <token>" or "Standin-Admin-Token: <token>".',
        { headers: { 'www-authenticate': 'Bearer realm="standin"' } },
      )
    }
  }
}

/** Constant time in the length of `expected`, whatever `given` is. */
function sameBytes(given: Uint8Array, expected: Uint8Array): boolean {
  let diff = given.length ^ expected.length
  for (let i = 0; i < expected.length; i++) diff |= (given[i] ?? 0) ^ (expected[i] ?? 0)
  return diff === 0
}
