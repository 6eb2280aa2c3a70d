/**
 * The shipped scenarios, parsed and checked when the bin is built, so a start does not parse and
 * check the same YAML again (about a tenth of a start's time). scripts/bundle-bin.js builds the
 * table with `parseAhead` and puts it in the bin; everywhere else the table is empty. A scenario
 * is taken from the table only when its text is exactly one the table holds, read from a YAML
 * file and checked against the shipped providers: parsing and checking are pure functions of
 * those, so the answer is the one a full check gives. Any other text, a user's own scenario
 * included, is parsed and checked in full.
 */
import { providers as shippedProviders } from '../providers/index.js'
import type { AnyProvider } from '../providers/provider.js'
import type { Scenario } from './schema.js'

/** Pairs of a scenario file's text and the JSON of the scenario it parses to. */
export type ParsedAhead = readonly (readonly [text: string, json: string])[]

/** Set in the bin by scripts/bundle-bin.js; undeclared (so empty) in the library. */
declare const STANDIN_PARSED_SCENARIOS: ParsedAhead | undefined

let shipped: ReadonlyMap<string, string> | undefined

function shippedTable(): ReadonlyMap<string, string> {
  shipped ??= new Map(
    typeof STANDIN_PARSED_SCENARIOS === 'undefined' ? [] : STANDIN_PARSED_SCENARIOS,
  )
  return shipped
}

/** The scenario `text` parses to, when the table holds it; undefined means "parse and check". */
export function parsedAhead(
  text: string,
  file: string,
  providers: readonly AnyProvider[],
  table: ReadonlyMap<string, string> = shippedTable(),
): Scenario | undefined {
  if (providers !== shippedProviders || file.endsWith('.json')) return undefined
  const json = table.get(text)
  // A fresh copy for each load: a loaded scenario is the world's own.
  return json === undefined ? undefined : (JSON.parse(json) as Scenario)
}

/**
 * True when `value` survives JSON unchanged: plain objects and arrays of strings, booleans, null
 * and finite numbers, with no undefined anywhere.
 */
export function isJsonData(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0)
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!isJsonData(value[i])) return false
    return true
  }
  if (typeof value !== 'object') return false
  const proto = Object.getPrototypeOf(value) as unknown
  if (proto !== Object.prototype && proto !== null) return false
  return Object.values(value).every(isJsonData)
}
