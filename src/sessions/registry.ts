/**
 * Isolated sessions: each is a whole world (state, virtual clock, credentials, journal) with its
 * own app under `/_sessions/{id}`, so parallel test workers can share one standin without touching
 * each other. A session unused for `sessionIdleSeconds` of real time ends by itself; the real clock
 * is the root world's injected one, so tests can move it.
 */
import type { Hono } from 'hono'
import { StandinError } from '../core/errors.js'
import { SecureRandom, type Random } from '../core/random.js'
import type { World } from '../world.js'

export const SESSION_PREFIX = '/_sessions'

export interface Session {
  readonly id: string
  /** The path every URL of this session starts with: `/_sessions/{id}`. */
  readonly prefix: string
  readonly world: World
  readonly app: Hono
  readonly createdAtMs: number
  lastUsedMs: number
}

/** What the control plane shows of a session; times are real time, ISO 8601. */
export interface SessionView {
  readonly id: string
  readonly baseUrl: string
  readonly scenario: string | null
  readonly createdAt: string
  readonly lastUsedAt: string
  /** When the session ends unless it is used before then. */
  readonly expiresAt: string
}

export type SessionBuilder = (id: string, prefix: string) => Promise<Pick<Session, 'world' | 'app'>>

export class SessionRegistry {
  readonly #sessions = new Map<string, Session>()
  /**
   * Session ids are the only key to a session's control plane when no admin token is set, so they
   * come from the CSPRNG, never from the seed: a fixed seed must not make them predictable.
   */
  readonly #random: Random = new SecureRandom()

  /** `root` supplies the real clock, the idle limit and the most sessions kept (its config). */
  constructor(private readonly root: World) {}

  async create(build: SessionBuilder): Promise<Session> {
    this.sweep()
    const max = this.root.config.maxSessions
    if (this.#sessions.size >= max) {
      throw new StandinError(
        'conflict',
        `Failed to create a session: ${String(max)} are open, the most this standin keeps (maxSessions in the config file). Delete one with DELETE /_standin/sessions/{id}, or let idle ones end.`,
      )
    }
    let id = this.#random.hex(32)
    while (this.#sessions.has(id)) id = this.#random.hex(32)
    const prefix = `${SESSION_PREFIX}/${id}`
    const { world, app } = await build(id, prefix)
    const now = this.#now()
    const session: Session = { id, prefix, world, app, createdAtMs: now, lastUsedMs: now }
    this.#sessions.set(id, session)
    return session
  }

  /** The live session with this id, marked as used now; undefined when it ended or expired. */
  use(id: string): Session | undefined {
    const session = this.#sessions.get(id)
    if (!session) return undefined
    const now = this.#now()
    if (this.#expired(session, now)) {
      this.#sessions.delete(id)
      return undefined
    }
    session.lastUsedMs = now
    return session
  }

  delete(id: string): boolean {
    const session = this.#sessions.get(id)
    this.#sessions.delete(id)
    return session !== undefined && !this.#expired(session, this.#now())
  }

  list(): Session[] {
    this.sweep()
    return [...this.#sessions.values()]
  }

  /** Ends every idle session. Runs on create and list, so memory stays bounded without timers. */
  sweep(): void {
    const now = this.#now()
    for (const [id, session] of this.#sessions) {
      if (this.#expired(session, now)) this.#sessions.delete(id)
    }
  }

  view(session: Session, origin: string): SessionView {
    const iso = (ms: number) => new Date(ms).toISOString()
    return {
      id: session.id,
      baseUrl: `${origin}${session.prefix}`,
      scenario: session.world.scenario.name ?? null,
      createdAt: iso(session.createdAtMs),
      lastUsedAt: iso(session.lastUsedMs),
      expiresAt: iso(session.lastUsedMs + this.#idleMs()),
    }
  }

  get size(): number {
    return this.#sessions.size
  }

  #expired(session: Session, now: number): boolean {
    return now - session.lastUsedMs >= this.#idleMs()
  }

  #idleMs(): number {
    return this.root.config.sessionIdleSeconds * 1000
  }

  #now(): number {
    return this.root.realClock.epochMs()
  }
}
