/**
 * What differs between two scenarios, by top-level section and provider, for the reload log
 * ("changed: events, providers.redox").
 */
import type { Scenario } from './schema.js'

const SECTIONS = [
  'name',
  'description',
  'seed',
  'clock',
  'clientClockSkewSeconds',
  'events',
] as const

export function changedSections(before: Scenario, after: Scenario): string[] {
  const changed: string[] = SECTIONS.filter((key) => !same(before[key], after[key]))
  const ids = new Set([...Object.keys(before.providers), ...Object.keys(after.providers)])
  for (const id of [...ids].sort()) {
    if (!same(before.providers[id], after.providers[id])) changed.push(`providers.${id}`)
  }
  return changed
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}
