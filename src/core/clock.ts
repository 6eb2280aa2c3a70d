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
