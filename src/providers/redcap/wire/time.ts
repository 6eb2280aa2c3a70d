/**
 * REDCap writes server-local times as `YYYY-MM-DD HH:MM:SS`; standin's server runs on UTC of the
 * virtual clock.
 */
import { isoInstant, type Clock } from '../../../core/clock.js'

/** The last second formatted and its text: a log entry per export under load shares one string. */
let last = { second: Number.NaN, text: '' }

export function redcapTime(clock: Clock): string {
  const ms = clock.epochMs()
  const second = Math.floor(ms / 1000)
  if (second !== last.second) last = { second, text: isoInstant(ms).replace('T', ' ').slice(0, 19) }
  return last.text
}

export function redcapDate(clock: Clock): string {
  return clock.now().toISOString().slice(0, 10)
}
