// @ts-check
/**
 * The MSW path inside `npm run bench`: bench/msw.js in a process of its own (bare MSW handler and
 * standin through MSW in interleaved rounds), reported as standin's µs per call over that of a bare
 * handler of the same call, target at most 1.3x.
 */
import { fileURLToPath } from 'node:url'
import { runToEnd } from '../lib/spawn.js'
import { failedRow } from './row.js'

const SCRIPT = fileURLToPath(new URL('../msw.js', import.meta.url))
const BARE = 'bare MSW handler, same REDCap call'
const STANDIN = 'standin through MSW (REDCap version)'
const TARGET = 1.3

/**
 * @param {{ rounds: number, calls: number }} options
 * @returns {Promise<import('./row.js').FlatRow>}
 */
export async function measureMsw(options) {
  const name = 'MSW: standin per call vs a bare MSW handler of the same call'
  try {
    const out = await runToEnd(
      [SCRIPT, '--json', '--rounds', String(options.rounds), '--calls', String(options.calls)],
      180_000,
    )
    const result = /** @type {{ usPerCall: Record<string, number> }} */ (
      JSON.parse(out.trim().split('\n').pop() ?? '{}')
    )
    const bare = result.usPerCall[BARE]
    const standin = result.usPerCall[STANDIN]
    if (bare === undefined || standin === undefined) throw new Error('bench/msw.js gave no result')
    return {
      name,
      outcome: 'measured',
      measured: `${standin.toFixed(0)} µs`,
      base: `${bare.toFixed(0)} µs`,
      ratio: standin / bare,
      target: TARGET,
      bound: 'at most',
      note: `median of ${String(options.rounds)} interleaved rounds of ${String(options.calls)} calls`,
    }
  } catch (error) {
    return failedRow(name, error)
  }
}
