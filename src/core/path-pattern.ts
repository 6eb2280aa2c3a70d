/**
 * The one path-pattern dialect (docs/path-patterns.md) for levers, overrides, scripted events and
 * proxy routes: `*` is any run of characters inside one segment, a segment that is exactly `**` is
 * any number of whole segments (none included), and everything else is literal.
 *
 * Matching never backtracks: a pattern is cut at its wildcards into fixed pieces, and each piece is
 * placed at its leftmost fit after the previous one. That greedy placement is exact for wildcards
 * that match any run, so the work is bounded by path length times pattern length, with no
 * exponential case (`/*a*a*a*a*b` against a long run of `a`s is a handful of string searches).
 */

export type PathMatcher = (path: string) => boolean

/** Patterns are short by nature; the cap keeps every match's work small (see above). */
export const MAX_PATH_PATTERN_LENGTH = 1024

/** Splits a one-segment pattern at its `*`s: `['a', 'b']` for `a*b`, `['']` for an empty segment. */
function segmentMatcher(pattern: string): (segment: string) => boolean {
  if (!pattern.includes('*')) return (segment) => segment === pattern
  const pieces = pattern.split('*')
  const first = pieces[0] ?? ''
  const last = pieces[pieces.length - 1] ?? ''
  const middle = pieces.slice(1, -1).filter((piece) => piece !== '')
  const fixed = first.length + last.length
  return (segment) => {
    if (segment.length < fixed || !segment.startsWith(first) || !segment.endsWith(last)) {
      return false
    }
    const end = segment.length - last.length
    let at = first.length
    for (const piece of middle) {
      const found = segment.indexOf(piece, at)
      if (found < 0 || found + piece.length > end) return false
      at = found + piece.length
    }
    return true
  }
}

type SegmentMatcher = (segment: string) => boolean

/** Does `run` match `segments` starting at `from`, one pattern segment per path segment? */
function fitsAt(
  run: readonly SegmentMatcher[],
  segments: readonly string[],
  from: number,
): boolean {
  for (let i = 0; i < run.length; i++) {
    if (!(run[i] as SegmentMatcher)(segments[from + i] as string)) return false
  }
  return true
}

export function compilePathPattern(pattern: string): PathMatcher {
  // Runs of fixed-width segment patterns between `**` segments.
  const runs: SegmentMatcher[][] = [[]]
  for (const part of pattern.split('/')) {
    if (part === '**') runs.push([])
    else (runs[runs.length - 1] as SegmentMatcher[]).push(segmentMatcher(part))
  }
  const head = runs[0] as SegmentMatcher[]
  if (runs.length === 1) {
    return (path) => {
      const segments = path.split('/')
      return segments.length === head.length && fitsAt(head, segments, 0)
    }
  }
  const tail = runs[runs.length - 1] as SegmentMatcher[]
  const middle = runs.slice(1, -1).filter((run) => run.length > 0)
  const fixed = head.length + tail.length
  return (path) => {
    const segments = path.split('/')
    if (segments.length < fixed || !fitsAt(head, segments, 0)) return false
    const end = segments.length - tail.length
    if (!fitsAt(tail, segments, end)) return false
    let at = head.length
    for (const run of middle) {
      while (at + run.length <= end && !fitsAt(run, segments, at)) at++
      if (at + run.length > end) return false
      at += run.length
    }
    return true
  }
}

const compiled = new Map<string, PathMatcher>()
/** Lever patterns are few and reused on every request, so they are compiled once each. */
const cacheLimit = 1_000

export function matchesPath(pattern: string, path: string): boolean {
  let matcher = compiled.get(pattern)
  if (!matcher) {
    matcher = compilePathPattern(pattern)
    if (compiled.size >= cacheLimit) compiled.clear()
    compiled.set(pattern, matcher)
  }
  return matcher(path)
}
