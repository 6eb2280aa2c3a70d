/**
 * Data files the bin parses and checks when it is built rather than on every start: for each kind
 * (`scenarios`, `redcap-projects`), pairs of a shipped file's text and the JSON of what it parses
 * to. scripts/bundle-bin.js puts the tables in the bin; everywhere else they are empty. A reader
 * takes an answer from a table only for a text the table holds exactly: parsing and checking are
 * pure functions of the text, so the answer is the one a full check gives, and any other text (a
 * user's own file included) is parsed and checked in full.
 */

/** Pairs of a file's text and the JSON of what it parses to. */
export type ParsedAhead = readonly (readonly [text: string, json: string])[]

/** Set in the bin by scripts/bundle-bin.js; undeclared (so empty) in the library. */
declare const STANDIN_PARSED_AHEAD: Readonly<Record<string, ParsedAhead>> | undefined

const tables = new Map<string, ReadonlyMap<string, string>>()

/** The bin's table of one kind: text → JSON. */
export function parsedAheadTable(kind: string): ReadonlyMap<string, string> {
  let table = tables.get(kind)
  if (!table) {
    const all = typeof STANDIN_PARSED_AHEAD === 'undefined' ? {} : STANDIN_PARSED_AHEAD
    table = new Map(Object.hasOwn(all, kind) ? all[kind] : [])
    tables.set(kind, table)
  }
  return table
}

/** The pair for a table when `value` survives JSON unchanged; none otherwise. */
export function aheadPair(text: string, value: unknown): (readonly [string, string])[] {
  return isJsonData(value) ? [[text, JSON.stringify(value)]] : []
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
