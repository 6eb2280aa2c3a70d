/**
 * `standin scenarios` and `standin schema`: the file-facing listings (`validate` is ./validate.ts).
 */
import { z } from 'zod'
import { StandinConfigSchema } from '../config/schema.js'
import { defaultScenarioSource } from '../node/create.js'
import { providers } from '../providers/index.js'
import { loadScenario, scenarioSchemaFor } from '../scenarios/load.js'

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

export function printSchema(of: 'scenario' | 'config'): number {
  const schema = z.toJSONSchema(
    of === 'config' ? StandinConfigSchema : scenarioSchemaFor(providers),
    {
      io: 'input',
      unrepresentable: 'any',
    },
  )
  process.stdout.write(`${JSON.stringify(schema, null, 2)}\n`)
  return 0
}
