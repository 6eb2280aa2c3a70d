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

/** @param {ProfileNode['callFrame']} frame */
function nameOf(frame) {
  const place = placeOf(frame.url)
  return `${frame.functionName || '(anonymous)'}${place ? ` ${place}:${String(frame.lineNumber + 1)}` : ''}`
}

/**
 * @param {Map<string, number>} times  microseconds by function
 * @param {number} busy
 * @param {number} top
 * @returns {Hotspot[]}
 */
function ranked(times, busy, top) {
  return [...times]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, us]) => ({ name, ms: us / 1000, share: busy === 0 ? 0 : us / busy }))
}

/**
 * Where the busy time went: the functions with the most self time, and standin's own functions
 * (the bundled bin or src/) with the most time including what they call.
 * @param {string} file
 * @param {number} [top]
 * @returns {{ busyMs: number, hotspots: Hotspot[], ownCode: Hotspot[] }}
 */
export function hotspots(file, top = 8) {
  const profile = /** @type {Profile} */ (JSON.parse(readFileSync(file, 'utf8')))
  /** @type {Map<number, ProfileNode>} */
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  /** @type {Map<number, number>} */
  const parentOf = new Map()
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parentOf.set(child, node.id)
  /** @type {Map<number, number>} */
  const selfUs = new Map()
  profile.samples.forEach((id, i) =>
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)),
  )
  /** @type {Map<string, number>} */
  const self = new Map()
  /** @type {Map<string, number>} */
  const own = new Map()
  let busy = 0
  for (const [id, us] of selfUs) {
    const node = byId.get(id)
    if (!node || IDLE.has(node.callFrame.functionName)) continue
    busy += us
    const name = nameOf(node.callFrame)
    self.set(name, (self.get(name) ?? 0) + us)
    /** @type {Set<string>} */
    const counted = new Set()
    for (let at = /** @type {number | undefined} */ (id); at !== undefined; at = parentOf.get(at)) {
      const frame = byId.get(at)?.callFrame
      if (!frame || !/\/(dist|src)\//.test(frame.url) || frame.functionName === '') continue
      const ownName = nameOf(frame)
      if (counted.has(ownName)) continue
      counted.add(ownName)
      own.set(ownName, (own.get(ownName) ?? 0) + us)
    }
  }
  return { busyMs: busy / 1000, hotspots: ranked(self, busy, top), ownCode: ranked(own, busy, top) }
}
