/**
 * Text comparison as the providers sort and match names. The collators are built on first use:
 * the first `Intl.Collator` of a process loads ICU's collation data (about 10 ms), which a start
 * that serves no sorted list should not pay.
 */
import { onFirstUse } from './first-use.js'

const base = onFirstUse(() => new Intl.Collator('en', { sensitivity: 'base' }))
const natural = onFirstUse(() => new Intl.Collator('en', { numeric: true, sensitivity: 'base' }))

/** Case- and accent-insensitive order ("river" = "River"), as MySQL's default collation. */
export function compareText(a: string, b: string): number {
  return base().compare(a, b)
}

/** `compareText` with digit runs compared as numbers ("2" before "10"). */
export function compareNatural(a: string, b: string): number {
  return natural().compare(a, b)
}
