/**
 * How the command writes the access log to stderr: `pretty` (one readable line per request),
 * `json` (one JSON object per line, for log collectors) or `off` (internal errors only). Secrets
 * stay out: the path carries no query values, and `--verbose` headers are redacted as the journal's are (core/secrets.ts).
 */
import type { AccessEntry, AccessLog } from '../access-log.js'
import type { LogFormat } from '../config/log-format.js'
import type { Clock } from '../core/clock.js'
import { isSecretHeader, REDACTED, redactText } from '../core/secrets.js'

export interface AccessLogOptions {
  readonly format: LogFormat
  readonly verbose: boolean
  readonly clock: Clock
  readonly write: (text: string) => void
}

export function createAccessLog(options: AccessLogOptions): AccessLog {
  return {
    everyRequest: options.format !== 'off',
    write: (entry) => {
      options.write(
        options.format === 'json' ? jsonLine(entry, options) : prettyLines(entry, options),
      )
    },
  }
}

function shownPath(entry: AccessEntry): string {
  if (entry.queryKeys.length === 0) return entry.path
  return `${entry.path}?${entry.queryKeys.map((key) => `${key}=…`).join('&')}`
}

/** The stack of the fault itself, not of the wrapper standin threw around it. */
function stackOf(entry: AccessEntry): string | undefined {
  const error = entry.error
  if (error === undefined) return undefined
  const cause = error.cause
  return (cause instanceof Error ? cause.stack : undefined) ?? error.stack
}

function prettyLines(entry: AccessEntry, options: AccessLogOptions): string {
  const why = entry.why === undefined ? '' : `: ${entry.why}`
  const lines = [
    `[standin] ${entry.method} ${shownPath(entry)} ${String(entry.status)} ${entry.outcome} ${String(entry.ms)} ms${why}`,
  ]
  if (options.verbose) {
    const { request, response } = entry.headers()
    for (const [name, value] of redacted(request)) lines.push(`  > ${name}: ${value}`)
    for (const [name, value] of redacted(response)) lines.push(`  < ${name}: ${value}`)
  }
  const stack = stackOf(entry)
  if (stack !== undefined) lines.push(...stack.split('\n').map((line) => `  ${line}`))
  return `${lines.join('\n')}\n`
}

function jsonLine(entry: AccessEntry, options: AccessLogOptions): string {
  const stack = stackOf(entry)
  const headers = options.verbose ? entry.headers() : undefined
  return `${JSON.stringify({
    time: options.clock.now().toISOString(),
    level: entry.status >= 500 ? 'error' : entry.status >= 400 ? 'warn' : 'info',
    method: entry.method,
    path: entry.path,
    ...(entry.queryKeys.length === 0 ? {} : { queryKeys: entry.queryKeys }),
    status: entry.status,
    outcome: entry.outcome,
    ...(entry.why === undefined ? {} : { why: entry.why }),
    ms: entry.ms,
    ...(headers === undefined
      ? {}
      : {
          requestHeaders: Object.fromEntries(redacted(headers.request)),
          responseHeaders: Object.fromEntries(redacted(headers.response)),
        }),
    ...(stack === undefined ? {} : { stack }),
  })}\n`
}

/** As the journal keeps them: credential headers by name, credential shapes in any value. */
function redacted(headers: Headers): [string, string][] {
  return [...headers].map(([name, value]) => [
    name,
    isSecretHeader(name) ? REDACTED : redactText(value),
  ])
}
