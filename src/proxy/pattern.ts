/**
 * Route patterns: a path under a provider mount where `*` stands for one path segment and `**` for
 * any depth, so `/api/export/**` covers `/api/export` and everything below it.
 */

export type PathMatcher = (path: string) => boolean

export function compilePattern(pattern: string): PathMatcher {
  let source = ''
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern.charAt(i)
    if (pattern.startsWith('/**', i)) {
      source += '(?:/.*)?'
      i += 2
    } else if (pattern.startsWith('**', i)) {
      source += '.*'
      i += 1
    } else if (ch === '*') source += '[^/]*'
    else source += ch.replace(/[.+?^${}()|[\]\\]/g, '\\$&')
  }
  const regex = new RegExp(`^${source}$`)
  return (path) => regex.test(path)
}
