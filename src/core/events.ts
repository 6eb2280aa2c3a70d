/**
 * One typed event map. The journal, the dashboard's live stream and tests all listen here, so
 * observability has one source.
 */
import type { ClockSnapshot } from './clock.js'
import type { CredentialView } from './credentials.js'
import type { ProviderId } from './glossary.js'
import type { JournalEntry } from './journal.js'

/** A scripted event of the loaded scenario, as the log and `GET /_standin/scenario` show it. */
export interface ScriptedEventStatus {
  readonly index: number
  readonly name: string
  readonly trigger: string
  readonly dueAt: string | null
  /** Matching requests counted so far (request triggers only). */
  readonly seen: number | null
  readonly firedAt: string | null
  /** What each action did, in order. */
  readonly results: readonly string[]
  readonly errors: readonly string[]
}

export interface StandinEvents {
  'request:end': JournalEntry
  'token:issued': CredentialView
  'token:changed': CredentialView
  'clock:changed': ClockSnapshot
  'scenario:loaded': { readonly name: string }
  /** A scripted event fired; its status says what each action did. */
  'scenario:event': ScriptedEventStatus
  /** A request went to the real upstream (proxy or record mode); credentials in its URL redacted. */
  'proxy:forwarded': {
    readonly provider: ProviderId
    readonly method: string
    readonly url: string
    readonly status: number
  }
  /** A recording was written under fixtures/, or failed to be (`error`, secrets redacted). */
  'recording:written': {
    readonly provider: ProviderId
    readonly file: string
    readonly error?: string
  }
}

export type EventName = keyof StandinEvents
type Listener<K extends EventName> = (payload: StandinEvents[K]) => void

export class EventBus {
  readonly #listeners = new Map<EventName, Set<Listener<never>>>()

  on<K extends EventName>(name: K, listener: Listener<K>): () => void {
    let set = this.#listeners.get(name)
    if (!set) {
      set = new Set()
      this.#listeners.set(name, set)
    }
    set.add(listener)
    return () => set.delete(listener)
  }

  /** How many listeners `name` has (streams must let go of theirs when a client leaves). */
  listenerCount(name: EventName): number {
    return this.#listeners.get(name)?.size ?? 0
  }

  emit<K extends EventName>(name: K, payload: StandinEvents[K]): void {
    const set = this.#listeners.get(name)
    if (!set) return
    for (const listener of set) (listener as Listener<K>)(payload)
  }
}
