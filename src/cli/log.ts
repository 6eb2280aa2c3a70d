/**
 * The console view of what happens inside standin, msw style: one `[standin]` line per fact on
 * stderr, so stdout keeps only the ready line.
 */
import type { World } from '../world.js'
import { stderrLines } from './stderr-lines.js'

export type LogLine = (line: string) => void

export const logToStderr: LogLine = (line) => {
  stderrLines(`[standin] ${line}\n`)
}

/** One line per fired scripted event: when (virtual time) and what each action did. */
export function logScriptedEvents(world: World, log: LogLine): void {
  world.events.on('scenario:event', (event) => {
    const outcomes = [...event.results, ...event.errors.map((e) => `failed: ${e}`)]
    log(`event "${event.name}" fired at ${String(event.firedAt)}: ${outcomes.join('; ')}`)
  })
}
