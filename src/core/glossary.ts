/**
 * The shared nouns, spelled one way across the code base.
 */

/** The providers standin ships, each also the first segment of its URLs (`/redcap/api/`). */
export const PROVIDER_IDS = ['redcap', 'epicollect', 'redox'] as const

/** A simulated provider, also the first segment of its URLs (`/redcap/api/`). */
export type ProviderId = (typeof PROVIDER_IDS)[number]

/** How a route is served: simulated locally, forwarded to the real upstream, or recorded/replayed. */
export type RouteMode = 'mock' | 'proxy' | 'record' | 'replay'

/** What became of a request, as the journal shows it (`stubbed`: a stub's canned answer). */
export const OUTCOMES = [
  'ok',
  'rejected',
  'error',
  'proxied',
  'replayed',
  'forced',
  'stubbed',
] as const

export type Outcome = (typeof OUTCOMES)[number]

/** One HTTP exchange as recordings and the journal see it. */
export interface Exchange {
  readonly method: string
  readonly path: string
  readonly status: number
}
