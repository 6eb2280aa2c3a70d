/**
 * Turns zod issues into lines a developer can act on: `file: dotted.path: message`.
 * zod's own output never reaches a user.
 */
import type { z } from 'zod'

export interface Problem {
  readonly path: string
  readonly message: string
  /** The path as keys and indexes, to find the spot in the file (an unknown key: the key itself). */
  readonly at?: readonly PropertyKey[]
}

export function toProblems(error: z.ZodError): Problem[] {
  return error.issues.flatMap((issue) => problemsOf(issue, []))
}

/**
 * A union (`do: action | [action, ...]`) fails with one issue list per branch. When exactly one
 * branch got past the shape check, its issues are the ones that say what is wrong; otherwise the
 * union's own "Invalid input" stands.
 */
function problemsOf(issue: z.core.$ZodIssue, prefix: readonly PropertyKey[]): Problem[] {
  const path = [...prefix, ...issue.path]
  if (issue.code === 'invalid_union') {
    const relevant = issue.errors.filter((branch) => !branch.every(isShapeMismatch))
    const [only] = relevant
    if (relevant.length === 1 && only) return only.flatMap((inner) => problemsOf(inner, path))
  }
  const at = issue.code === 'unrecognized_keys' && issue.keys[0] ? [...path, issue.keys[0]] : path
  return [{ path: formatPath(path), message: describeIssue(issue), at }]
}

/** The value is not even of the branch's type (an object where a list was expected). */
function isShapeMismatch(issue: z.core.$ZodIssue): boolean {
  return issue.code === 'invalid_type' && issue.path.length === 0
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const key of path) {
    if (typeof key === 'number') out += `[${String(key)}]`
    else out += out === '' ? String(key) : `.${String(key)}`
  }
  return out === '' ? '(root)' : out
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`
    case 'invalid_type':
      return issue.message.endsWith('received undefined') ? 'is required' : issue.message
    default:
      return issue.message
  }
}

export function formatProblems(file: string, problems: readonly Problem[]): string {
  return problems.map((p) => `${file}: ${p.path}: ${p.message}`).join('\n')
}
