/**
 * `standin validate`, `standin scenarios` and `standin schema`: the file-facing commands.
 */
import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { isConfigFile, parseConfig } from '../config/load.js'
import { defaultConfig } from '../config/schema.js'
import { createStandin, defaultScenarioSource } from '../node/create.js'
import { isFile } from '../node/is-file.js'
import { providers } from '../providers/index.js'
import { formatProblems } from '../core/issues.js'
import { ScenarioError, parseDataText } from '../core/data-text.js'
import { loadScenario, parseScenario, scenarioSchemaFor } from '../scenarios/load.js'

/** Prints every problem of every file as `file: dotted.path: message`; 1 if any, else 0. */
export async function validateFiles(files: readonly string[]): Promise<number> {
  for (const file of files) {
    if (!isFile(file)) throw new Error(`Failed to validate "${file}": no such file.`)
  }
  let failed = false
  for (const file of files) {
    const problems = await problemsOf(file)
    if (problems === '') process.stdout.write(`${file}: ok\n`)
    else {
      failed = true
      process.stdout.write(`${problems}\n`)
    }
  }
  return failed ? 1 : 0
}

async function problemsOf(file: string): Promise<string> {
  const text = readFileSync(file, 'utf8')
  try {
    if (isConfigFile(file)) {
      parseConfig(text, file)
      return ''
    }
    const scenario = parseScenario(parseDataText(text, file), file, providers)
    // Building the world catches what the schema cannot: missing fixtures, broken references.
    await createStandin({ scenario: { ...scenario }, config: defaultConfig() })
    return ''
  } catch (error) {
    if (error instanceof ScenarioError) return formatProblems(error.file, error.problems)
    return `${file}: (world): ${error instanceof Error ? error.message : String(error)}`
  }
}

export function listScenarios(): number {
  const source = defaultScenarioSource()
  for (const name of source.names()) {
    let description: string
    try {
      description = loadScenario(name, source, providers).description ?? ''
    } catch (error) {
      description = `(invalid: ${error instanceof Error ? (error.message.split('\n')[1] ?? error.message) : 'unreadable'})`
    }
    process.stdout.write(`${name.padEnd(36)} ${description.replace(/\s+/g, ' ').trim()}\n`)
  }
  return 0
}

export function printSchema(): number {
  const schema = z.toJSONSchema(scenarioSchemaFor(providers), {
    io: 'input',
    unrepresentable: 'any',
  })
  process.stdout.write(`${JSON.stringify(schema, null, 2)}\n`)
  return 0
}
