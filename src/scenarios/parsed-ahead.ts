/**
 * The shipped scenarios, parsed and checked when the bin is built (src/core/parsed-ahead.ts), so a
 * start does not parse and check the same YAML again (about a tenth of a start's time). A scenario
 * is taken from the table only when its text is exactly one the table holds, read from a YAML
 * file and checked against the shipped providers.
 */
import { parsedAheadTable } from '../core/parsed-ahead.js'
import { providers as shippedProviders } from '../providers/index.js'
import type { AnyProvider } from '../providers/provider.js'
import type { Scenario } from './schema.js'

/** The scenario `text` parses to, when the table holds it; undefined means "parse and check". */
export function parsedAhead(
  text: string,
  file: string,
  providers: readonly AnyProvider[],
  table: ReadonlyMap<string, string> = parsedAheadTable('scenarios'),
): Scenario | undefined {
  if (providers !== shippedProviders || file.endsWith('.json')) return undefined
  const json = table.get(text)
  // A fresh copy for each load: a loaded scenario is the world's own.
  return json === undefined ? undefined : (JSON.parse(json) as Scenario)
}
