// @ts-check
/**
 * Spawns a server process (the standin bin or a floor) and waits for its ready line. Every
 * process the bench starts is tracked here so a failure or Ctrl-C never leaves one behind.
 */
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'

/** standin's exact ready line, and the floors' line (they print the same shape). */
export const READY = /listening on (http:\/\/\S+)/

/** @type {Set<import('node:child_process').ChildProcess>} */
const live = new Set()

function killAll() {
  for (const child of live) child.kill('SIGKILL')
}
process.once('exit', killAll)
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.once(signal, () => {
    killAll()
    process.exit(130)
  })
}

/**
 * @typedef {object} Server
 * @property {string} url
 * @property {number} pid
 * @property {number} readyMs  milliseconds from spawn to the ready line
 * @property {() => string} stderr
 * @property {() => number | undefined} rssMb  the process's resident set size now
 * @property {() => number | undefined} cpuMs  CPU time the process has used so far
 * @property {() => CpuSplit | undefined} cpuSplit  the same, in user and system (kernel) time
 * @property {(signal?: NodeJS.Signals) => Promise<number | null>} stop
 */

/**
 * @param {readonly string[]} args  arguments to `node`
 * @param {{ timeoutMs?: number, env?: NodeJS.ProcessEnv, cwd?: string }} [options]
 * @returns {Promise<Server>}
 */
export function startServer(args, options = {}) {
  const started = performance.now()
  const child = spawn(process.execPath, [...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env },
    cwd: options.cwd,
  })
  live.add(child)
  let stdout = ''
  let stderr = ''
  child.stderr.on('data', (/** @type {Buffer} */ chunk) => (stderr += chunk.toString()))
  /** @type {Promise<number | null>} */
  const exited = new Promise((resolve) => {
    child.once('exit', (code) => {
      live.delete(child)
      resolve(code)
    })
  })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`no ready line within ${options.timeoutMs ?? 15000} ms: ${stderr.trim()}`))
    }, options.timeoutMs ?? 15000)
    child.stdout.on('data', (/** @type {Buffer} */ chunk) => {
      stdout += chunk.toString()
      const match = READY.exec(stdout)
      if (!match?.[1] || child.pid === undefined) return
      clearTimeout(timer)
      const pid = child.pid
      resolve({
        url: match[1],
        pid,
        readyMs: performance.now() - started,
        stderr: () => stderr,
        rssMb: () => rssMbOf(pid),
        cpuMs: () => cpuMsOf(pid),
        cpuSplit: () => cpuSplitOf(pid),
        stop: async (signal = 'SIGTERM') => {
          if (child.exitCode === null) child.kill(signal)
          return exited
        },
      })
    })
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`exited with ${String(code)} before it was ready: ${stderr.trim()}`))
    })
  })
}

/**
 * Resident set size in MB from /proc (Linux); undefined elsewhere.
 * @param {number} pid
 */
export function rssMbOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]
    return kb === undefined ? undefined : Number(kb) / 1024
  } catch {
    return undefined
  }
}

/**
 * CPU time (user + system) a process has used so far, in ms, from /proc (Linux); undefined
 * elsewhere. Less sensitive than wall time to other load on the machine.
 * @param {number} pid
 */
export function cpuMsOf(pid) {
  const split = cpuSplitOf(pid)
  return split === undefined ? undefined : split.userMs + split.systemMs
}

/**
 * @typedef {{ userMs: number, systemMs: number }} CpuSplit
 *   a process's CPU time in its own code (user) and in the kernel (system: socket reads and
 *   writes, scheduling), which a server and its floor share for the same bytes on the wire
 */

/**
 * CPU time a process has used so far, split into user and system time, in ms, from /proc (Linux);
 * undefined elsewhere.
 * @param {number} pid
 * @returns {CpuSplit | undefined}
 */
export function cpuSplitOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []
    const user = Number(fields[11]) * 10
    const system = Number(fields[12]) * 10
    return Number.isFinite(user) && Number.isFinite(system)
      ? { userMs: user, systemMs: system }
      : undefined
  } catch {
    return undefined
  }
}

/**
 * Runs a script to its end and returns its stdout, failing on a non-zero exit or a timeout.
 * @param {readonly string[]} args  arguments to `node`
 * @param {number} timeoutMs
 * @returns {Promise<string>}
 */
export function runToEnd(args, timeoutMs) {
  const child = spawn(process.execPath, [...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  live.add(child)
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (/** @type {Buffer} */ chunk) => (stdout += chunk.toString()))
  child.stderr.on('data', (/** @type {Buffer} */ chunk) => (stderr += chunk.toString()))
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      clearTimeout(timer)
      live.delete(child)
      if (code === 0) resolve(stdout)
      else reject(new Error(`${args.join(' ')} exited with ${String(code)}: ${stderr.trim()}`))
    })
  })
}
