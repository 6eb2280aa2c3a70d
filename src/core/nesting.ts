/**
 * Nesting depth of JSON and XML text, found by one forward scan before any parser or recursive
 * walk sees the text: a client can nest thousands of levels in a few kilobytes, and recursive code
 * (JSON.stringify, a tree walk, an XML library's tree builder) then overflows the stack. Each scan
 * stops as soon as the depth passes the limit.
 */

/** Real payloads nest a handful of levels (an ODM file about eight). */
export const DEFAULT_NESTING_DEPTH = 100
export const DEFAULT_FILTER_LOGIC_DEPTH = 100
/** The highest either setting may be: recursive code stays far from the stack's end below it. */
export const MAX_DEPTH_SETTING = 1_000

const OPEN_BRACKET = 0x5b
const OPEN_BRACE = 0x7b
const CLOSE_BRACKET = 0x5d
const CLOSE_BRACE = 0x7d
const QUOTE = 0x22
const BACKSLASH = 0x5c

/** Are arrays and objects nested deeper than `limit` (`[[1]]` is 2 deep)? Strings are skipped. */
export function jsonNestedDeeperThan(text: string, limit: number): boolean {
  let depth = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code === QUOTE) {
      for (i++; i < text.length; i++) {
        const inner = text.charCodeAt(i)
        if (inner === BACKSLASH) i++
        else if (inner === QUOTE) break
      }
    } else if (code === OPEN_BRACKET || code === OPEN_BRACE) {
      if (++depth > limit) return true
    } else if (code === CLOSE_BRACKET || code === CLOSE_BRACE) depth--
  }
  return false
}

/** Where the markup that opens at `at` ends: comments, CDATA, declarations and instructions. */
function skipMarkup(text: string, at: number): number {
  if (text.startsWith('<!--', at)) return end(text.indexOf('-->', at + 4), 3)
  if (text.startsWith('<![CDATA[', at)) return end(text.indexOf(']]>', at + 9), 3)
  if (text.startsWith('<?', at)) return end(text.indexOf('?>', at + 2), 2)
  // `<!DOCTYPE ... [ internal subset ]>` or another declaration.
  const bracket = text.indexOf('[', at)
  const close = text.indexOf('>', at)
  if (bracket >= 0 && bracket < close) return end(text.indexOf(']>', bracket), 2)
  return end(close, 1)
  function end(found: number, length: number): number {
    return found < 0 ? text.length : found + length
  }
}

/** Where the tag that opens at `at` ends (after its `>`), attribute values skipped whole. */
function tagEnd(text: string, at: number): number {
  let quote = 0
  for (let i = at + 1; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (quote !== 0) {
      if (code === quote) quote = 0
    } else if (code === 0x22 || code === 0x27) quote = code
    else if (code === 0x3e) return i + 1
  }
  return text.length
}

/** Are elements nested deeper than `limit` (`<a><b/></a>` is 2 deep)? */
export function xmlNestedDeeperThan(text: string, limit: number): boolean {
  let depth = 0
  let i = text.indexOf('<')
  while (i >= 0 && i < text.length) {
    const next = text.charAt(i + 1)
    if (next === '!' || next === '?') i = skipMarkup(text, i)
    else if (next === '/') {
      depth--
      i = tagEnd(text, i)
    } else {
      const after = tagEnd(text, i)
      if (text.charAt(after - 2) !== '/' && ++depth > limit) return true
      i = after
    }
    i = text.indexOf('<', i)
  }
  return false
}
