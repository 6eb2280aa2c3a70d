#!/usr/bin/env node
/**
 * The `standin` command. Parses argv, loads files once, serves; every failure is one line on
 * stderr with exit code 2 (1 for `validate` findings), never a stack trace.
 */
import { HELP, parseCommand, type Command } from './args.js'
import { startServer } from './start.js'
import { listScenarios, printSchema, validateFiles } from './files.js'
import { packageVersion } from '../node/package-root.js'

async function run(command: Command): Promise<number> {
  switch (command.kind) {
    case 'help':
      process.stdout.write(HELP)
      return 0
    case 'version':
      process.stdout.write(`${packageVersion()}\n`)
      return 0
    case 'validate':
      return validateFiles(command.files)
    case 'scenarios':
      return listScenarios()
    case 'schema':
      return printSchema()
    case 'start':
      await startServer(command.options)
      return 0
  }
}

async function main(): Promise<void> {
  try {
    process.exitCode = await run(parseCommand(process.argv.slice(2)))
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    process.stderr.write(`standin: ${message}\n`)
    process.exitCode = 2
  }
}

await main()
