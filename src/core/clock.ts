/**
 * Time as a port. standin runs on two clocks (see docs/decisions/two-clocks.md):
 * - the virtual clock decides everything standin issues (token expiry, rate-limit windows, timestamps);
 * - the real clock checks what clients stamp (a Redox assertion's `iat`/`exp`), optionally skewed.
 *
 * This file, `core/random.ts` and `src/node/` are the only places allowed to read the wall clock.
 */

export interface Clock {
  now(): Date
  epochMs(): number
  epochSeconds(): number
}

export interface ClockSnapshot {
  readonly now: string
  readonly frozen: boolean
}

/** The wall clock, shifted by `skewSeconds` (a scenario can simulate a client whose clock is off). */
export class SystemClock implements Clock {
  constructor(private readonly skewMs = 0) {}

  epochMs(): number {
    return Date.now() + this.skewMs
  }

  now(): Date {
    return new Date(this.epochMs())
  }

  epochSeconds(): number {
    return Math.floor(this.epochMs() / 1000)
  }
}

/**
 * The instants the control plane moves the virtual clock to: years 0000 to 9999, the dates every
 * wire format here writes with four digits. JavaScript holds dates to year 275760, but a provider
 * stamping `+275760-...` into a token or log line is nothing a real client has ever parsed.
 */
export const CLOCK_RANGE_MS = {
  earliest: -62_167_219_200_000, // 0000-01-01T00:00:00.000Z
  latest: 253_402_300_799_999, // 9999-12-31T23:59:59.999Z
} as const

export function isWithinClockRange(ms: number): boolean {
  return Number.isFinite(ms) && ms >= CLOCK_RANGE_MS.earliest && ms <= CLOCK_RANGE_MS.latest
}

/** JavaScript's last representable instant, ±8.64e15 ms from the epoch. */
const DATE_LIMIT_MS = 8.64e15

/**
 * ISO 8601 for an instant computed from the clock (an expiry two hours after a clock set near the
 * end of JavaScript's dates), held to the range a Date can show instead of throwing.
 */
export function isoInstant(ms: number): string {
  const held = Number.isNaN(ms) ? 0 : Math.min(Math.max(ms, -DATE_LIMIT_MS), DATE_LIMIT_MS)
  return new Date(held).toISOString()
}

/**
 * A clock that starts at a chosen instant and then runs with real time, unless frozen.
 * `advance` and `set` move it instantly, so "five minutes later" costs nothing.
 */
export class VirtualClock implements Clock {
  #anchorVirtual: number
  #anchorReal: number
  #frozen: boolean

  constructor(
    start: Date,
    private readonly real: Clock = new SystemClock(),
    frozen = false,
  ) {
    this.#anchorVirtual = start.getTime()
    this.#anchorReal = real.epochMs()
    this.#frozen = frozen
  }

  epochMs(): number {
    if (this.#frozen) return this.#anchorVirtual
    return this.#anchorVirtual + (this.real.epochMs() - this.#anchorReal)
  }

  now(): Date {
    return new Date(this.epochMs())
  }

  epochSeconds(): number {
    return Math.floor(this.epochMs() / 1000)
  }

  get frozen(): boolean {
    return this.#frozen
  }

  set(instant: Date): void {
    this.#anchorVirtual = instant.getTime()
    this.#anchorReal = this.real.epochMs()
  }

  advance(seconds: number): void {
    this.set(new Date(this.epochMs() + seconds * 1000))
  }

  freeze(frozen: boolean): void {
    if (frozen === this.#frozen) return
    const current = this.epochMs()
    this.#frozen = frozen
    this.set(new Date(current))
  }

  snapshot(): ClockSnapshot {
    return { now: this.now().toISOString(), frozen: this.#frozen }
  }
}
