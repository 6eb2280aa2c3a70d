/**
 * V8 heap settings `standin start` gives itself when `STANDIN_HEAP=small` asks for them
 * (docs/memory.md), so that under sustained load the resident set stays near the live heap instead
 * of several times it:
 * - the young generation keeps the size it has when the command starts instead of growing to
 *   16 MB semi-spaces;
 * - the old generation may grow to 1.5x what the last full collection left live instead of up to
 *   4x (V8's factor on a machine with 2 GB or more).
 * V8 reads both at each collection, so they work set at run time, with no second process. They are
 * set once the bundle is loaded: Node compiles its own modules loaded after a V8 flag changes
 * without their code cache, which cost a start 15 ms. A flag the user passed to node is theirs.
 * They are not the default: they cost 10-20% of the requests a CPU-second serves under load.
 * src/cli/launch.cts sets both back before it writes its code cache.
 */
import { setFlagsFromString } from 'node:v8'

export const HEAP_FLAGS = {
  'semi-space-growth-factor': 1,
  'heap-growing-percent': 50,
} as const

export type HeapFlag = keyof typeof HEAP_FLAGS

/**
 * Sets `flag` when the environment asks for a small heap (`STANDIN_HEAP=small`), unless `given`
 * (node's own arguments) names it.
 */
export function setHeapFlag(
  flag: HeapFlag,
  given: readonly string[],
  env: NodeJS.ProcessEnv = {},
): boolean {
  if (env.STANDIN_HEAP !== 'small') return false
  if (given.some((arg) => arg.replaceAll('_', '-').includes(`--${flag}`))) return false
  setFlagsFromString(`--${flag}=${String(HEAP_FLAGS[flag])}`)
  return true
}
