/**
 * V8 heap settings `standin start` gives itself unless `STANDIN_HEAP=v8` keeps V8's defaults
 * (docs/memory.md), so that under sustained load the resident set stays near the live heap instead
 * of several times it:
 * - the young generation keeps the size it has when the command starts instead of growing to
 *   16 MB semi-spaces;
 * - the old generation may grow to 1.5x what the last full collection left live instead of up to
 *   4x (V8's factor on a machine with 2 GB or more).
 * V8 reads both at each collection, so they work set at run time, with no second process. They are
 * set once the bundle is loaded: Node compiles its own modules loaded after a V8 flag changes
 * without their code cache, which cost a start 15 ms. A flag the user passed to node is theirs.
 * They cost a few percent of the requests a CPU-second serves under load (more collections).
 * src/cli/launch.cts sets both back before it writes its code cache; src/cli/start.ts sets them
 * again after.
 */
import { setFlagsFromString } from 'node:v8'

export const HEAP_FLAGS = {
  'semi-space-growth-factor': 1,
  'heap-growing-percent': 50,
} as const

export type HeapFlag = keyof typeof HEAP_FLAGS

/**
 * Sets `flag` unless the environment keeps V8's defaults (`STANDIN_HEAP=v8`) or `given` (node's
 * own arguments) names it.
 */
export function setHeapFlag(
  flag: HeapFlag,
  given: readonly string[],
  env: NodeJS.ProcessEnv = {},
): boolean {
  if (env.STANDIN_HEAP === 'v8') return false
  if (given.some((arg) => arg.replaceAll('_', '-').includes(`--${flag}`))) return false
  setFlagsFromString(`--${flag}=${String(HEAP_FLAGS[flag])}`)
  return true
}
