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

/** An entry's request and response, built when the entry is first read (see JournalRecord). */
export type JournalDetail = Pick<JournalEntry, 'request' | 'response'>

export const DEFAULT_JOURNAL_SIZE = 1000
/** Paths and reasons can carry client input of any size; the journal keeps this much of each. */
export const MAX_JOURNAL_TEXT = 512

/** What a provider request leaves at once; the entry is built from it when first read. */
export interface JournalSummary {
  /** The request's time, in epoch milliseconds (formatted when the entry is read). */
  readonly atMs: number
  readonly provider: ProviderId
  readonly method: string
  readonly path: string
  readonly status: number
  readonly outcome: Outcome
  readonly why: string | undefined
  readonly credentialId: string | undefined
  readonly durationMs: number
}

/**
 * One kept request. A control-plane request's entry is built at once; a provider request's
 * (`LaterJournalRecord`) when something first reads it.
 */
export class JournalRecord {
  /** Set when the journal keeps the record. */
  id: number
  #entry: JournalEntry | undefined

  constructor(entry?: JournalEntry) {
    this.id = entry?.id ?? 0
    this.#entry = entry
  }

  get entry(): JournalEntry {
    return (this.#entry ??= this.build())
  }

  /** A record kept without its entry builds it here (`LaterJournalRecord`). */
  protected build(): JournalEntry {
    throw new Error('a journal record without an entry')
  }
}

/**
 * A provider request as kept while it was answered: the summary, and whatever a subclass keeps to
 * build the request and response from (journal/capture.ts). The entry (the time formatted; headers
 * and previews, every secret redacted) is built once, only when something reads it: most requests
 * are never read, and building each entry as it was answered cost the request more than a fifth
 * of its time. One object per request and its summary, no closures: every kept request outlives
 * the young generation, and what it holds is what the old generation fills with (docs/memory.md).
 */
export abstract class LaterJournalRecord extends JournalRecord {
  constructor(readonly summary: JournalSummary) {
    super()
  }

  /** The request and response, every secret redacted. */
  protected abstract detail(): JournalDetail

  protected override build(): JournalEntry {
    const summary = this.summary
    return {
      id: this.id,
      at: new Date(summary.atMs).toISOString(),
      provider: summary.provider,
      method: summary.method,
      path: clip(summary.path),
      status: summary.status,
      outcome: summary.outcome,
      ...(summary.why === undefined ? {} : { why: clip(summary.why) }),
      ...(summary.credentialId === undefined ? {} : { credentialId: summary.credentialId }),
      durationMs: summary.durationMs,
      ...built(() => this.detail()),
    }
  }
}

/** A detail that cannot be built (it never should fail) leaves the entry without one. */
function built(detail: () => JournalDetail): JournalDetail {
  try {
    return detail()
  } catch {
    return { request: NOTHING_KEPT, response: { headers: {} } }
  }
}

export class Journal {
  readonly #records: (JournalRecord | undefined)[]
  #next = 0
  #count = 0

  constructor(readonly capacity = DEFAULT_JOURNAL_SIZE) {
    this.#records = new Array<JournalRecord | undefined>(capacity)
  }

  add(input: JournalInput): JournalEntry {
    return this.keep(input).entry
  }

  /** Keeps an entry; `detail`, when given, builds its request and response on first read. */
  keep(input: JournalInput): JournalRecord {
    const entry: JournalEntry = {
      id: this.#count + 1,
      request: NOTHING_KEPT,
      response: { headers: {} },
      ...input,
      path: clip(input.path),
      ...(input.why === undefined ? {} : { why: clip(input.why) }),
    }
    return this.#push(new JournalRecord(entry))
  }

  /** Keeps a provider request, its entry built on first read. */
  keepLater<R extends LaterJournalRecord>(record: R): R {
    record.id = this.#count + 1
    return this.#push(record)
  }

  #push<R extends JournalRecord>(record: R): R {
    this.#records[this.#next] = record
    this.#next = (this.#next + 1) % this.capacity
    this.#count++
    return record
  }

  /** The newest `limit` entries, newest first. */
  list(limit = this.capacity): JournalEntry[] {
    const out: JournalEntry[] = []
    const n = Math.min(limit, this.#count, this.capacity)
    for (let i = 1; i <= n; i++) {
      const record = this.#records[(this.#next - i + this.capacity) % this.capacity]
      if (record) out.push(record.entry)
    }
    return out
  }

  get total(): number {
    return this.#count
  }

  clear(): void {
    this.#records.fill(undefined)
    this.#next = 0
    this.#count = 0
  }
}

function clip(text: string): string {
  return text.length <= MAX_JOURNAL_TEXT ? text : `${text.slice(0, MAX_JOURNAL_TEXT - 1)}…`
}
