/**
 * Path patterns for levers and triggers: `*` matches any run of characters, slashes included
 * (`/api/export/*` matches `/api/export/entries/demo`); everything else is literal.
 */

const compiled = new Map<string, RegExp>()

export function matchesPath(pattern: string, path: string): boolean {
  let regex = compiled.get(pattern)
  if (!regex) {
    const body = pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')
    regex = new RegExp(`^${body}$`)
    compiled.set(pattern, regex)
  }
  return regex.test(path)
}
