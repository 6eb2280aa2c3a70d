#!/usr/bin/env node
/**
 * The `standin` command. Parses argv, loads files once, serves; every failure is one line on
 * stderr with exit code 2 (1 for `validate` findings), never a stack trace.
 */
import { HELP, parseCommand, type Command } from './args.js'
import { packageVersion } from '../node/package-root.js'

// Each command loads only what it needs: `start` is on the hot path of every test run, and the
// file commands (zod's JSON Schema output, validation) stay out of its way.

async function run(command: Command): Promise<number> {
  switch (command.kind) {
    case 'help':
      process.stdout.write(HELP)
      return 0
    case 'version':
      process.stdout.write(`${packageVersion()}\n`)
      return 0
    case 'validate':
      return (await import('./files.js')).validateFiles(command.files)
    case 'scenarios':
      return (await import('./files.js')).listScenarios()
    case 'schema':
      return (await import('./files.js')).printSchema()
    case 'openapi': {
      const { openApiDocument } = await import('../admin/api/openapi.js')
      process.stdout.write(`${JSON.stringify(openApiDocument(), null, 2)}\n`)
      return 0
    }
    case 'drift':
      return (await import('./drift.js')).driftCommand(command.options)
    case 'start':
      await (await import('./start.js')).startServer(command.options)
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

void main()
