/**
 * The request journal: a bounded ring buffer, newest first on read. Every request to a provider
 * lands here with its outcome and, when it was refused, why.
 */
import type { Outcome, ProviderId } from './glossary.js'

/** Parameters by name; a name sent more than once (PHP's `fields[]`) keeps every value in order. */
export type Params = Readonly<Record<string, string | readonly string[]>>

/** A bounded, redacted view of a body (built by journal/preview.ts). */
export interface BodyPreview {
  readonly contentType?: string
  /** The whole body's size in bytes. */
  readonly size: number
  /** The first characters of the body, redacted; absent for binary and multipart bodies. */
  readonly text?: string
  readonly truncated: boolean
  /** Fields of an urlencoded or multipart form, redacted; a file part is described, not kept. */
  readonly form?: Params
  /** Why there is no text: `binary`, `multipart` (see `form`), `streamed` or `not kept`. */
  readonly omitted?: string
}

/** What the app sent: every secret redacted, the body as a bounded preview. */
export interface JournalRequest {
  readonly query: Params
  readonly headers: Readonly<Record<string, string>>
  readonly body?: BodyPreview
}

/** What standin answered, the same way. */
export interface JournalResponse {
  readonly headers: Readonly<Record<string, string>>
  readonly body?: BodyPreview
}

export interface JournalEntry {
  readonly id: number
  /** Virtual time of the request. */
  readonly at: string
  /** A provider's id, or `standin` for the control plane's own requests. */
  readonly provider: ProviderId
  readonly method: string
  readonly path: string
  readonly status: number
  readonly outcome: Outcome
  readonly why?: string
  readonly credentialId?: string
  readonly durationMs: number
  readonly request: JournalRequest
  readonly response: JournalResponse
}

export type JournalInput = Omit<JournalEntry, 'id' | 'request' | 'response'> &
  Partial<Pick<JournalEntry, 'request' | 'response'>>

const NOTHING_KEPT: JournalRequest & JournalResponse = { query: {}, headers: {} }

export const DEFAULT_JOURNAL_SIZE = 1000
/** Paths and reasons can carry client input of any size; the journal keeps this much of each. */
export const MAX_JOURNAL_TEXT = 512

export class Journal {
  readonly #entries: (JournalEntry | undefined)[]
  #next = 0
  #count = 0

  constructor(readonly capacity = DEFAULT_JOURNAL_SIZE) {
    this.#entries = new Array<JournalEntry | undefined>(capacity)
  }

  add(input: JournalInput): JournalEntry {
    const entry: JournalEntry = {
      id: this.#count + 1,
      request: NOTHING_KEPT,
      response: { headers: {} },
      ...input,
      path: clip(input.path),
      ...(input.why === undefined ? {} : { why: clip(input.why) }),
    }
    this.#entries[this.#next] = entry
    this.#next = (this.#next + 1) % this.capacity
    this.#count++
    return entry
  }

  /** The newest `limit` entries, newest first. */
  list(limit = this.capacity): JournalEntry[] {
    const out: JournalEntry[] = []
    const n = Math.min(limit, this.#count, this.capacity)
    for (let i = 1; i <= n; i++) {
      const entry = this.#entries[(this.#next - i + this.capacity) % this.capacity]
      if (entry) out.push(entry)
    }
    return out
  }

  get total(): number {
    return this.#count
  }

  clear(): void {
    this.#entries.fill(undefined)
    this.#next = 0
    this.#count = 0
  }
}

function clip(text: string): string {
  return text.length <= MAX_JOURNAL_TEXT ? text : `${text.slice(0, MAX_JOURNAL_TEXT - 1)}…`
}
