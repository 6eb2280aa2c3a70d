/**
 * The `Standin-Force` request header forces one outcome for that request only, the way Prism's
 * `Prefer: code=` picks a response: `Standin-Force: expired` answers with the provider's own
 * expired-token error. Values are the forced-outcome vocabulary, case-insensitive.
 */
import { FORCED_OUTCOMES, isForcedOutcome, type ForcedOutcome } from '../core/forced-outcome.js'

export const STANDIN_FORCE = 'Standin-Force'

export type ForceRequest =
  | { readonly kind: 'none' }
  | { readonly kind: 'force'; readonly outcome: ForcedOutcome }
  | { readonly kind: 'invalid'; readonly message: string }

/** Most requests send no such header: one answer serves them all. */
const NONE: ForceRequest = { kind: 'none' }

export function readStandinForce(header: string | undefined): ForceRequest {
  if (header === undefined) return NONE
  const value = header.trim().toLowerCase()
  if (isForcedOutcome(value)) return { kind: 'force', outcome: value }
  return {
    kind: 'invalid',
    message: `Unknown ${STANDIN_FORCE} value "${header}". Use one of: ${FORCED_OUTCOMES.join(', ')}.`,
  }
}
