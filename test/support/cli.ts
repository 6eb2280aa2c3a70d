/**
 * Spawns the built `standin` bin on a real socket and waits for its ready line.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export const BIN = fileURLToPath(new URL('../../dist/cli/index.cjs', import.meta.url))
const READY = /^standin listening on (http:\/\/\S+)$/m

export interface Spawned {
  readonly child: ChildProcess
  readonly url: string
  stderr(): string
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

export function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode)
    else
      child.once('exit', (code) => {
        resolve(code)
      })
  })
}

export interface RunOptions {
  readonly cwd?: string
  readonly env?: NodeJS.ProcessEnv
  /** Another copy of the bin (an installed package's); default: this repo's build. */
  readonly bin?: string
}

export function runBin(args: readonly string[], options: RunOptions = {}) {
  const child = spawn(process.execPath, [options.bin ?? BIN, ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  return { child, stdout: () => stdout, stderr: () => stderr, exit: exitOf(child) }
}

export async function spawnStandin(
  args: readonly string[],
  options: RunOptions = {},
): Promise<Spawned> {
  const run = runBin(['start', '--port', '0', ...args], options)
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`no ready line in 15 s; stderr: ${run.stderr()}`))
    }, 15_000)
    const check = () => {
      const match = READY.exec(run.stdout())
      if (match?.[1]) {
        clearTimeout(timer)
        resolve(match[1])
      }
    }
    run.child.stdout.on('data', check)
    void run.exit.then((code) => {
      clearTimeout(timer)
      reject(new Error(`standin exited with ${String(code)} before it was ready: ${run.stderr()}`))
    })
  })
  return {
    child: run.child,
    url,
    stderr: run.stderr,
    stop: async (signal = 'SIGTERM') => {
      run.child.kill(signal)
      return run.exit
    },
  }
}
