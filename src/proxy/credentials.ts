/**
 * Real credentials: resolved by name at the edge (an injected reader over the environment and
 * files), and remembered by a redactor so no secret standin holds (configured values, tokens it
 * obtained, assertions it signed) reaches a response, the journal or a recording.
 */
import { StandinError } from '../core/errors.js'
import type { CredentialRef, CredentialRefs } from './upstream.js'

/** The Node edge reads `process.env` and files; tests pass a map. */
export interface SecretReader {
  env(name: string): string | undefined
  /** The file's text; throws when it cannot be read. */
  file(path: string): string
}

export const NO_SECRETS: SecretReader = {
  env: () => undefined,
  file: (path) => {
    throw new Error(`no file reader to read "${path}"`)
  },
}

export function describeRef(ref: CredentialRef): string {
  return 'env' in ref ? `env ${ref.env}` : `file ${ref.file}`
}

/**
 * Reads one credential field; failures are `upstream_failed` (the real side cannot be reached without
 * it) with the config path in the journal.
 */
export function resolveRef(
  reader: SecretReader,
  refs: CredentialRefs,
  field: string,
  where: string,
): string {
  const ref = refs[field]
  if (ref === undefined) throw missing(`credentials.${where}.${field} is not configured`)
  let value: string | undefined
  if ('env' in ref) {
    value = reader.env(ref.env)
    if (value === undefined || value.trim() === '')
      throw missing(`credentials.${where}.${field}: environment variable ${ref.env} is not set`)
  } else {
    try {
      value = reader.file(ref.file)
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error)
      throw missing(`credentials.${where}.${field}: cannot read ${ref.file} (${why})`)
    }
  }
  return value.trim()
}

function missing(detail: string): StandinError {
  return new StandinError('upstream_failed', 'Bad gateway', { detail })
}

/** Shorter values are ids or flags, not secrets, and replacing them would mangle data. */
const MIN_SECRET_LENGTH = 8
const MAX_REMEMBERED = 256

/**
 * Every secret standin holds, each with a stable placeholder (`{{redcap.token}}`), so recordings
 * made on different days with different tokens still match.
 */
export class Redactor {
  readonly #placeholders = new Map<string, string>()
  /** The same pairs as a list, built again after a change: scrubbing walks it without iterators. */
  #list: SecretList | undefined
  #now: ((text: string) => string) | undefined

  add(secret: string, label: string): void {
    if (secret.length < MIN_SECRET_LENGTH || this.#placeholders.has(secret)) return
    this.#placeholders.set(secret, `{{${label}}}`)
    this.#list = undefined
    this.#now = undefined
    if (this.#placeholders.size > MAX_REMEMBERED) {
      const oldest = this.#placeholders.keys().next().value
      if (oldest !== undefined) this.#placeholders.delete(oldest)
    }
  }

  /** The text with every known secret replaced by its placeholder. */
  scrub(text: string): string {
    return scrubWith((this.#list ??= [...this.#placeholders]), text)
  }

  /**
   * `scrub` over the secrets known now, unchanged by later ones and by the oldest being forgotten:
   * what a journal entry kept now is redacted with when it is read later.
   */
  scrubberNow(): (text: string) => string {
    if (this.#now === undefined) {
      const known: SecretList = [...this.#placeholders]
      this.#now = (text) => scrubWith(known, text)
    }
    return this.#now
  }

  get secrets(): ReadonlyMap<string, string> {
    return this.#placeholders
  }
}

type SecretList = readonly (readonly [secret: string, placeholder: string])[]

function scrubWith(placeholders: SecretList, text: string): string {
  // No secret is shorter than this, so a shorter text (most header values) holds none.
  if (text.length < MIN_SECRET_LENGTH) return text
  let out = text
  for (let i = 0; i < placeholders.length; i++) {
    const pair = placeholders[i] as SecretList[number]
    if (out.includes(pair[0])) out = out.replaceAll(pair[0], pair[1])
  }
  return out
}
