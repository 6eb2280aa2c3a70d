/**
 * Scenario and config files as data: YAML or JSON text parsed with syntax errors turned into
 * problems with a line number, and the error that carries a file's problems to the user.
 */
import { parse as parseYaml, YAMLParseError } from 'yaml'
import { formatProblems, type Problem } from './issues.js'

export class ScenarioError extends Error {
  override readonly name = 'ScenarioError'
  constructor(
    readonly file: string,
    readonly problems: readonly Problem[],
    kind: 'scenario' | 'config' = 'scenario',
  ) {
    super(`Failed to load ${kind} "${file}":\n${formatProblems(file, problems)}`)
  }
}

/** Parses YAML or JSON text; syntax errors become problems with a line number. */
export function parseDataText(text: string, file: string): unknown {
  try {
    if (file.endsWith('.json')) return JSON.parse(text) as unknown
    return parseYaml(text, { prettyErrors: false }) as unknown
  } catch (error) {
    const where =
      error instanceof YAMLParseError && error.linePos
        ? `line ${String(error.linePos[0].line)}`
        : '(syntax)'
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error)
    throw new ScenarioError(file, [{ path: where, message: message ?? 'syntax error' }])
  }
}
