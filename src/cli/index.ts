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
      return (await import('./validate.js')).validateFiles(command.files)
    case 'scenarios':
      return (await import('./files.js')).listScenarios()
    case 'schema':
      return (await import('./files.js')).printSchema(command.of)
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

/**
 * A reader that goes away (`standin scenarios | head -2`) is not an error: a listing stops
 * quietly, as other Unix tools do; a server keeps serving. Node ignores SIGPIPE, so a closed pipe
 * arrives here as EPIPE. Log lines to a closed stderr are dropped.
 */
function quietOnClosedPipes(command: Command): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error
    if (command.kind !== 'start') process.exit(process.exitCode ?? 0)
  })
  process.stderr.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error
  })
}

async function main(): Promise<void> {
  try {
    const command = parseCommand(process.argv.slice(2))
    quietOnClosedPipes(command)
    process.exitCode = await run(command)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    process.stderr.write(`standin: ${message}\n`)
    process.exitCode = 2
  }
}

void main()
