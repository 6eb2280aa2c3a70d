/**
 * A JSON document as drift compares it: the types found at each general path (`[].field_name`,
 * where every array index is `[]`), the length of each array, and each scalar value at its exact
 * path (`[2].field_name`), the last two for comparing data where both sides hold the same.
 */
import type { DifferenceKind } from '../providers/drift-profile.js'
import { isVolatileKey, isVolatileValue } from './volatile.js'

export interface JsonShape {
  /** General path → JSON types seen there. */
  readonly types: Map<string, Set<string>>
  /** Exact path of an array → [general path, length]. */
  readonly lengths: Map<string, readonly [string, number]>
  /** Exact path of a non-volatile scalar → [general path, value]. */
  readonly values: Map<string, readonly [string, unknown]>
}

export interface BodyDifference {
  readonly kind: DifferenceKind
  readonly path: string
  readonly recorded: string
  readonly simulated: string
}

/**
 * Deeper levels are not walked: paths grow with depth, so a hostile document nested thousands
 * deep would cost the square of its depth. Real answers are a few levels deep.
 */
const MAX_DEPTH = 64

function typeOf(value: unknown): string {
  if (value === null) return 'null'
  return Array.isArray(value) ? 'array' : typeof value
}

export function jsonShape(root: unknown): JsonShape {
  const shape: JsonShape = { types: new Map(), lengths: new Map(), values: new Map() }
  // An explicit stack: a deep document must not overflow the call stack.
  const stack: [unknown, string, string, boolean, number][] = [[root, '', '', false, 0]]
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [value, general, exact, volatile, depth] = item
    const type = typeOf(value)
    let types = shape.types.get(general)
    if (!types) shape.types.set(general, (types = new Set()))
    types.add(type)
    if (depth === MAX_DEPTH) continue
    if (Array.isArray(value)) {
      shape.lengths.set(exact, [general, value.length])
      value.forEach((element, i) => {
        stack.push([element, `${general}[]`, `${exact}[${String(i)}]`, volatile, depth + 1])
      })
    } else if (type === 'object') {
      for (const [key, member] of Object.entries(value as Record<string, unknown>)) {
        const quiet = volatile || isVolatileKey(key)
        stack.push([member, `${general}.${key}`, `${exact}.${key}`, quiet, depth + 1])
      }
    } else if (!volatile && !isVolatileValue(value)) {
      shape.values.set(exact, [general, value])
    }
  }
  return shape
}

/** What differs between the real service's document and standin's, by general path. */
export function compareJson(recorded: unknown, simulated: unknown): BodyDifference[] {
  const real = jsonShape(recorded)
  const sim = jsonShape(simulated)
  const out: BodyDifference[] = []
  const missing = [...real.types.keys()].filter((path) => !sim.types.has(path))
  const extra = [...sim.types.keys()].filter((path) => !real.types.has(path))
  for (const path of topmost(missing))
    out.push({ kind: 'missing', path, recorded: 'present', simulated: 'absent' })
  for (const path of topmost(extra))
    out.push({ kind: 'extra', path, recorded: 'absent', simulated: 'present' })
  // A path whose type differs is reported once, not again for each value.
  const valueSeen = new Set<string>()
  for (const [path, types] of real.types) {
    const other = sim.types.get(path)
    if (!other || sameSet(types, other)) continue
    valueSeen.add(path)
    out.push({ kind: 'type', path, recorded: list(types), simulated: list(other) })
  }
  // Arrays of different lengths are not compared item by item: every index after the first
  // extra item would differ.
  const unaligned: string[] = []
  const lengthSeen = new Set<string>()
  for (const [exact, [general, length]] of real.lengths) {
    const other = sim.lengths.get(exact)
    if (!other || other[1] === length) continue
    unaligned.push(exact)
    if (lengthSeen.has(general)) continue
    lengthSeen.add(general)
    out.push({
      kind: 'length',
      path: general,
      recorded: String(length),
      simulated: String(other[1]),
    })
  }
  for (const [exact, [general, value]] of real.values) {
    const other = sim.values.get(exact)
    if (!other || Object.is(other[1], value) || valueSeen.has(general)) continue
    if (unaligned.some((prefix) => exact.startsWith(`${prefix}[`))) continue
    valueSeen.add(general)
    out.push({ kind: 'value', path: general, recorded: show(value), simulated: show(other[1]) })
  }
  return out
}

/** Only the outermost of nested paths: a missing object need not list each member. */
function topmost(paths: readonly string[]): string[] {
  const set = new Set(paths)
  return paths.filter((path) => {
    for (let cut = parentOf(path); cut !== undefined; cut = parentOf(cut))
      if (set.has(cut)) return false
    return true
  })
}

function parentOf(path: string): string | undefined {
  if (path === '') return undefined
  const at = Math.max(path.lastIndexOf('.'), path.endsWith('[]') ? path.length - 2 : -1)
  return at <= 0 ? '' : path.slice(0, at)
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x))
}

function list(types: ReadonlySet<string>): string {
  return [...types].sort().join('|')
}

export function show(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return text.length > 80 ? `${text.slice(0, 77)}...` : text
}
