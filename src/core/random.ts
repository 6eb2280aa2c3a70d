/**
 * Seeded randomness (sfc32), so a scenario replays byte for byte: token strings, ids and jitter all
 * come from here. `Math.random` and `crypto.randomUUID` are banned elsewhere by lint. What must stay
 * unguessable whatever the seed (session ids, the seed of a standin bound off loopback) comes from
 * `SecureRandom`, the platform's CSPRNG behind the same interface.
 */

export interface Random {
  /** A float in [0, 1). */
  next(): number
  /** An integer in [min, max]. */
  int(min: number, max: number): number
  bytes(length: number): Uint8Array
  /** `length` lowercase hex characters (REDCap tokens are 32, super tokens 64). */
  hex(length: number): string
  /** `length` characters of [A-Za-z0-9] (Epicollect5 client secrets are 40). */
  alphanumeric(length: number): string
  uuid(): string
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

function hashSeed(seed: string): [number, number, number, number] {
  // cyrb128: spreads any string over four 32-bit words.
  let h1 = 1779033703
  let h2 = 3144134277
  let h3 = 1013904242
  let h4 = 2773480762
  for (let i = 0; i < seed.length; i++) {
    const k = seed.charCodeAt(i)
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067)
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233)
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213)
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179)
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067)
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233)
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213)
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179)
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0]
}

/** Every method of `Random` from a source of uniform 32-bit integers. */
abstract class Uint32Random implements Random {
  protected abstract nextUint32(): number

  next(): number {
    return this.nextUint32() / 4294967296
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  bytes(length: number): Uint8Array {
    const out = new Uint8Array(length)
    for (let i = 0; i < length; i++) out[i] = this.nextUint32() & 0xff
    return out
  }

  hex(length: number): string {
    let out = ''
    while (out.length < length) out += this.nextUint32().toString(16).padStart(8, '0')
    return out.slice(0, length)
  }

  alphanumeric(length: number): string {
    let out = ''
    for (let i = 0; i < length; i++)
      out += ALPHANUMERIC.charAt(this.nextUint32() % ALPHANUMERIC.length)
    return out
  }

  uuid(): string {
    const b = this.bytes(16)
    b[6] = ((b[6] ?? 0) & 0x0f) | 0x40
    b[8] = ((b[8] ?? 0) & 0x3f) | 0x80
    const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
  }
}

export class SeededRandom extends Uint32Random {
  #a: number
  #b: number
  #c: number
  #d: number

  constructor(seed: number | string) {
    super()
    ;[this.#a, this.#b, this.#c, this.#d] = hashSeed(String(seed))
    for (let i = 0; i < 12; i++) this.nextUint32()
  }

  protected nextUint32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0
    this.#d = (this.#d + 1) | 0
    this.#a = this.#b ^ (this.#b >>> 9)
    this.#b = (this.#c + (this.#c << 3)) | 0
    this.#c = (this.#c << 21) | (this.#c >>> 11)
    this.#c = (this.#c + t) | 0
    return t >>> 0
  }
}

/** The platform's CSPRNG: never replays, for values no seed may predict. */
export class SecureRandom extends Uint32Random {
  readonly #pool = new Uint32Array(64)
  #next = this.#pool.length

  protected nextUint32(): number {
    if (this.#next === this.#pool.length) {
      globalThis.crypto.getRandomValues(this.#pool)
      this.#next = 0
    }
    return this.#pool[this.#next++] ?? 0
  }
}

/** A seed nobody can guess: 128 random bits as hex. */
export function unguessableSeed(): string {
  return new SecureRandom().hex(32)
}
