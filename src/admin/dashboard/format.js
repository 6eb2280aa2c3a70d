// Pure formatting for the dashboard: durations, virtual times, and a journal entry's reason in plain
// words. No DOM here, so the browser tests can import it and check phrases directly.

const ISO_INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/
const AT_INSTANT = new RegExp(`\\bat (${ISO_INSTANT.source})`, 'g')
const BARE_INSTANT = new RegExp(ISO_INSTANT.source, 'g')

const UNITS = [
  ['d', 86_400],
  ['h', 3_600],
  ['min', 60],
  ['s', 1],
]

/** "12 s", "4 min 5 s", "2 h 3 min", "3 d 4 h": whole seconds, the largest unit and the next. */
export function formatDuration(ms) {
  const total = Math.floor(Math.abs(ms) / 1000)
  const i = UNITS.findIndex(([, size]) => total >= size)
  if (i === -1 || i === UNITS.length - 1) return `${total} s`
  const [name, size] = UNITS[i]
  const [nextName, nextSize] = UNITS[i + 1]
  const major = Math.floor(total / size)
  const minor = Math.floor((total % size) / nextSize)
  return minor > 0 ? `${major} ${name} ${minor} ${nextName}` : `${major} ${name}`
}

/** "12 s ago", "in 4 min 5 s" or "just now", for an instant seen from another one (ms). */
export function relativeTo(instantMs, referenceMs) {
  const diff = instantMs - referenceMs
  if (Math.abs(diff) < 1000) return 'just now'
  return diff < 0 ? `${formatDuration(diff)} ago` : `in ${formatDuration(diff)}`
}

/** "2026-03-01 08:05:00" (UTC): the virtual clock is shown in UTC everywhere. */
export function formatInstant(iso) {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return String(iso)
  return date.toISOString().slice(0, 19).replace('T', ' ')
}

/** "08:05:00" (UTC), for journal rows. */
export function formatTimeOfDay(iso) {
  return formatInstant(iso).slice(11)
}

/** A credential's status at `nowMs` (virtual), so a countdown reaching zero flips it live. */
export function credentialStatus(credential, nowMs) {
  if (credential.revokedAt) return 'revoked'
  if (credential.expiresAt && Date.parse(credential.expiresAt) <= nowMs) return 'expired'
  if (credential.status === 'revoked' || credential.status === 'expired') return credential.status
  return 'active'
}

/** "in 4 min 5 s", "expired 12 s ago" or "never", for a credential's expiry at `nowMs`. */
export function describeExpiry(expiresAt, nowMs) {
  if (!expiresAt) return 'never'
  const at = Date.parse(expiresAt)
  if (Number.isNaN(at)) return String(expiresAt)
  return at > nowMs ? `in ${formatDuration(at - nowMs)}` : `expired ${relativeTo(at, nowMs)}`
}

/**
 * A journal entry's `why` with its instants said relative to the request: "token expired at
 * 2026-03-01T08:04:48Z (virtual time)" on a request at 08:05:00 reads "token expired 12 s ago
 * (virtual time)". Reasons about client-stamped (real) times are left as they are, since the
 * request's time is virtual.
 */
export function describeWhy(why, atIso) {
  if (typeof why !== 'string' || why === '') return ''
  const reference = Date.parse(atIso)
  if (Number.isNaN(reference) || /\breal time\b/.test(why)) return why
  return why
    .replace(AT_INSTANT, (_, iso) => relativeTo(Date.parse(iso), reference))
    .replace(
      BARE_INSTANT,
      (iso) => `${formatInstant(iso)} (${relativeTo(Date.parse(iso), reference)})`,
    )
}

/** The sentence the journal shows for an entry, or '' for a plain success. */
export function describeOutcome(entry) {
  const why = describeWhy(entry.why, entry.at)
  switch (entry.outcome) {
    case 'ok':
      return why
    case 'rejected':
      return `Refused: ${why || `the provider answered ${entry.status} (no reason recorded)`}`
    case 'error':
      return `Failed: ${why || `the provider answered ${entry.status}`}`
    case 'forced':
      return `Forced: ${why || 'an override answered this request'}`
    case 'aborted':
      return `Aborted: ${why || 'the client left before the answer'}`
    default:
      return why ? `${entry.outcome}: ${why}` : String(entry.outcome ?? '')
  }
}
