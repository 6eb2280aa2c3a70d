// @ts-check
/**
 * Reads a V8 CPU profile (`node --cpu-prof`) and names where the time went: the functions with the
 * most self time, and the packages or source files they live in. The bench prints this for each
 * case run with --profile, so a missed target comes with its explanation.
 */
import { readFileSync } from 'node:fs'

/**
 * @typedef {{ id: number, callFrame: { functionName: string, url: string, lineNumber: number }, children?: number[] }} ProfileNode
 * @typedef {{ nodes: ProfileNode[], samples: number[], timeDeltas: number[] }} Profile
 * @typedef {{ name: string, ms: number, share: number }} Hotspot
 */

/** Time that is not the server's work. */
const IDLE = new Set(['(idle)', '(program)', '(root)'])

/** @param {string} url */
function placeOf(url) {
  if (url === '') return ''
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1]
  if (pkg) return pkg
  if (url.startsWith('node:')) return url
  return url.replace(/^file:\/\/.*?\/(dist|src)\//, '$1/')
}

/**
 * The top functions by self time, with their share of the busy time.
 * @param {string} file
 * @param {number} [top]
 * @returns {{ busyMs: number, hotspots: Hotspot[] }}
 */
export function hotspots(file, top = 8) {
  const profile = /** @type {Profile} */ (JSON.parse(readFileSync(file, 'utf8')))
  /** @type {Map<number, number>} */
  const selfUs = new Map()
  profile.samples.forEach((id, i) =>
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)),
  )
  /** @type {Map<string, number>} */
  const byName = new Map()
  let busy = 0
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0
    const { functionName, url, lineNumber } = node.callFrame
    if (IDLE.has(functionName) || us === 0) continue
    busy += us
    const place = placeOf(url)
    const name = `${functionName || '(anonymous)'}${place ? ` ${place}:${String(lineNumber + 1)}` : ''}`
    byName.set(name, (byName.get(name) ?? 0) + us)
  }
  const list = [...byName]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, us]) => ({ name, ms: us / 1000, share: busy === 0 ? 0 : us / busy }))
  return { busyMs: busy / 1000, hotspots: list }
}
