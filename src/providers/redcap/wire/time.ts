/**
 * REDCap writes server-local times as `YYYY-MM-DD HH:MM:SS`; standin's server runs on UTC of the
 * virtual clock.
 */
import type { Clock } from '../../../core/clock.js'

export function redcapTime(clock: Clock): string {
  return clock.now().toISOString().replace('T', ' ').slice(0, 19)
}

export function redcapDate(clock: Clock): string {
  return clock.now().toISOString().slice(0, 10)
}
