/**
 * The shared nouns, spelled one way across the code base.
 */

/**
 * A simulated provider's id (`redcap`), also the key of its scenario section. Which providers ship
 * is the registry's business (`providers/index.ts`); the core serves any.
 */
export type ProviderId = string

/** How a route is served: simulated locally, forwarded to the real upstream, or recorded/replayed. */
export type RouteMode = 'mock' | 'proxy' | 'record' | 'replay'

/**
 * What became of a request, as the journal shows it (`stubbed`: a stub's canned answer; `aborted`:
 * the client left before the answer).
 */
export const OUTCOMES = [
  'ok',
  'rejected',
  'error',
  'proxied',
  'replayed',
  'forced',
  'stubbed',
  'aborted',
] as const

export type Outcome = (typeof OUTCOMES)[number]

/** One HTTP exchange as recordings and the journal see it. */
export interface Exchange {
  readonly method: string
  readonly path: string
  readonly status: number
}
