/**
 * Pure argv parsing: `standin [start] [options]`, `standin validate FILE...`, `standin scenarios`,
 * `standin schema`. No I/O; the caller prints and exits.
 */
import { parseArgs } from 'node:util'
import { LOG_FORMATS, type LogFormat } from '../config/log-format.js'
import { DRIFT_FORMATS, type DriftFormat } from '../drift/render.js'

export type Command =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'start'; readonly options: StartOptions }
  | { readonly kind: 'validate'; readonly files: readonly string[] }
  | { readonly kind: 'scenarios' }
  | { readonly kind: 'schema'; readonly of: 'scenario' | 'config' }
  | { readonly kind: 'openapi' }
  | { readonly kind: 'drift'; readonly options: DriftOptions }

export interface DriftOptions {
  /** The folder with one folder of recordings per provider. */
  readonly recordings: string
  readonly scenario: string
  readonly format: DriftFormat
}

export interface StartOptions {
  readonly port?: number
  readonly host?: string
  readonly scenario?: string
  readonly config?: string
  readonly seed?: number | string
  readonly watch: boolean
  readonly rateLimits: boolean
  readonly adminToken?: string
  readonly allowedHosts: readonly string[]
  readonly log?: LogFormat
  readonly verbose: boolean
}

export class ArgsError extends Error {
  override readonly name = 'ArgsError'
}

export const HELP = `standin: a local stand-in for the REDCap, Epicollect5 and Redox APIs

Usage:
  standin [start] [options]     serve the simulated providers
  standin validate FILE...      check scenario and config files
  standin scenarios             list the scenario library
  standin schema [config]       print the scenario (or config) JSON Schema
  standin openapi               print the control API's OpenAPI 3.1 document
  standin drift [options]       compare recordings of the real service with the simulation;
                                exit 1 when a difference has no known deviation to explain it

Options for start:
  --port N            port to listen on (default 4010; 0 takes a free port)
  --host ADDR         address to bind (default 127.0.0.1; IPv6 as ::1 or [::1])
  --allowed-host NAME a host name (any port) to answer besides loopback, e.g. a
                      container name; repeatable; or STANDIN_ALLOWED_HOSTS=a,b
  --scenario FILE|NAME  scenario to load (default: "default")
  --config FILE       config file (default: standin.config.yaml|json if present)
  --seed N            seed for generated tokens and ids
  --watch             reload scenario and fixture files when they change
  --no-rate-limits    switch every simulated rate limit off
  --admin-token TOKEN the control plane then demands it (Authorization: Bearer TOKEN);
                      required to bind an address other than loopback. A flag is
                      visible to other users in \`ps\`: prefer STANDIN_ADMIN_TOKEN
  --log FORMAT        access log on stderr: pretty (default), json or off; or set
                      STANDIN_LOG, or log: in the config file
  --verbose           the access log adds request and response headers (secrets redacted)

Options for drift:
  --recordings DIR    one folder of recordings per provider (default fixtures/recordings)
  --scenario FILE|NAME  the scenario to compare with (default: "default")
  --format F          text, json or junit (default text)

  -h, --help          show this help
  -v, --version       print the version
`

const COMMANDS = ['start', 'validate', 'scenarios', 'schema', 'openapi', 'drift'] as const

export function parseCommand(argv: readonly string[]): Command {
  let parsed
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        scenario: { type: 'string' },
        config: { type: 'string' },
        seed: { type: 'string' },
        watch: { type: 'boolean' },
        'no-rate-limits': { type: 'boolean' },
        'admin-token': { type: 'string' },
        'allowed-host': { type: 'string', multiple: true },
        log: { type: 'string' },
        verbose: { type: 'boolean' },
        recordings: { type: 'string' },
        format: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    })
  } catch (error) {
    throw new ArgsError(`${describeParseError(error)} See standin --help.`)
  }
  const { values, positionals } = parsed
  if (values.help) return { kind: 'help' }
  if (values.version) return { kind: 'version' }
  const [first, ...rest] = positionals
  const command = first ?? 'start'
  if (!(COMMANDS as readonly string[]).includes(command)) {
    throw new ArgsError(`Unknown command "${command}". See standin --help.`)
  }
  if (command === 'validate') {
    if (rest.length === 0)
      throw new ArgsError('validate needs at least one file. See standin --help.')
    return { kind: 'validate', files: rest }
  }
  if (command === 'schema' && rest.length === 1 && (rest[0] === 'config' || rest[0] === 'scenario'))
    return { kind: 'schema', of: rest[0] }
  if (rest.length > 0)
    throw new ArgsError(`Unexpected argument "${String(rest[0])}". See standin --help.`)
  if (command === 'scenarios') return { kind: 'scenarios' }
  if (command === 'schema') return { kind: 'schema', of: 'scenario' }
  if (command === 'openapi') return { kind: 'openapi' }
  if (command === 'drift') {
    const format = values.format ?? 'text'
    if (!(DRIFT_FORMATS as readonly string[]).includes(format))
      throw new ArgsError(`--format must be text, json or junit, not "${format}".`)
    return {
      kind: 'drift',
      options: {
        recordings: values.recordings ?? 'fixtures/recordings',
        scenario: values.scenario ?? 'default',
        format: format as DriftFormat,
      },
    }
  }
  return {
    kind: 'start',
    options: {
      ...(values.port === undefined ? {} : { port: parsePort(values.port) }),
      ...(values.host === undefined ? {} : { host: values.host }),
      ...(values.scenario === undefined ? {} : { scenario: values.scenario }),
      ...(values.config === undefined ? {} : { config: values.config }),
      ...(values.seed === undefined ? {} : { seed: parseSeed(values.seed) }),
      watch: values.watch === true,
      rateLimits: values['no-rate-limits'] !== true,
      ...(values['admin-token'] === undefined ? {} : { adminToken: values['admin-token'] }),
      allowedHosts: values['allowed-host'] ?? [],
      ...(values.log === undefined ? {} : { log: parseLogFormat(values.log, '--log') }),
      verbose: values.verbose === true,
    },
  }
}

function parsePort(text: string): number {
  const port = Number(text)
  if (!/^\d+$/.test(text) || port > 65535) {
    throw new ArgsError(`--port must be a whole number from 0 to 65535, not "${text}".`)
  }
  return port
}

export function parseLogFormat(text: string, where: string): LogFormat {
  const format = LOG_FORMATS.find((f) => f === text)
  if (format === undefined)
    throw new ArgsError(`${where} must be one of ${LOG_FORMATS.join(', ')}, not "${text}".`)
  return format
}

function parseSeed(text: string): number | string {
  return /^-?\d+$/.test(text) ? Number(text) : text
}

/** node:util's messages are long and mention `script.js`; keep the part a user needs. */
function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  const unknown = /^Unknown option '([^']+)'/.exec(message)
  if (unknown) return `Unknown option ${String(unknown[1])}.`
  const first = message.split('\n')[0] ?? message
  return first.endsWith('.') ? first : `${first}.`
}
