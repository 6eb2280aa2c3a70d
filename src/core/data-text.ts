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

/** The `yaml` library's own default: how many alias expansions one document may make. */
export const DEFAULT_YAML_MAX_ALIAS_COUNT = 100
/**
 * Aliases may grow a document by at most this factor: `maxAliasCount` counts expansions, not their
 * size, so a hundred aliases of one large anchored value would still pass it.
 */
const MAX_ALIAS_GROWTH = 10
const ALIAS_GROWTH_SLACK_BYTES = 64 * 1024

export interface DataTextOptions {
  /** The `yaml` library's `maxAliasCount` (config `yamlMaxAliasCount`). */
  readonly maxAliasCount?: number | undefined
}

/** Parses YAML or JSON text; syntax errors and alias bombs become problems with a line number. */
export function parseDataText(text: string, file: string, options: DataTextOptions = {}): unknown {
  try {
    if (file.endsWith('.json')) return JSON.parse(text) as unknown
    const maxAliasCount = options.maxAliasCount ?? DEFAULT_YAML_MAX_ALIAS_COUNT
    const data = parseYaml(text, { prettyErrors: false, maxAliasCount }) as unknown
    if (text.includes('*')) checkAliasGrowth(data, text, file)
    return data
  } catch (error) {
    if (error instanceof ScenarioError) throw error
    const where =
      error instanceof YAMLParseError && error.linePos
        ? `line ${String(error.linePos[0].line)}`
        : '(syntax)'
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error)
    throw new ScenarioError(file, [{ path: where, message: message ?? 'syntax error' }])
  }
}

function checkAliasGrowth(data: unknown, text: string, file: string): void {
  const limit = text.length * MAX_ALIAS_GROWTH + ALIAS_GROWTH_SLACK_BYTES
  if ((JSON.stringify(data) ?? '').length <= limit) return
  throw new ScenarioError(file, [
    {
      path: '(aliases)',
      message: `YAML aliases expand this document more than ${String(MAX_ALIAS_GROWTH)}-fold; write the data out instead.`,
    },
  ])
}
