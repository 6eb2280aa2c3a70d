/**
 * Reading `standin.config.yaml|json`: parsed once, every problem reported as `file: path: message`.
 */
import { ScenarioError, parseDataText } from '../core/data-text.js'
import { toProblems } from '../core/issues.js'
import { StandinConfigSchema, type StandinConfig } from './schema.js'
import { PARSE_ONCE } from '../core/parse-once.js'

export const CONFIG_FILE_NAMES = [
  'standin.config.yaml',
  'standin.config.yml',
  'standin.config.json',
] as const

export function parseConfig(text: string, file: string): StandinConfig {
  const result = StandinConfigSchema.safeParse(parseDataText(text, file) ?? {}, PARSE_ONCE)
  if (!result.success) throw new ScenarioError(file, toProblems(result.error), 'config')
  return result.data
}

export function isConfigFile(file: string): boolean {
  return /(^|[\\/])standin\.config\.(ya?ml|json)$/.test(file)
}
