/**
 * The shared nouns, spelled one way across the code base.
 */

/** The providers standin ships, each also the first segment of its URLs (`/redcap/api/`). */
export const PROVIDER_IDS = ['redcap', 'epicollect', 'redox'] as const

/** A simulated provider, also the first segment of its URLs (`/redcap/api/`). */
export type ProviderId = (typeof PROVIDER_IDS)[number]

/** How a route is served: simulated locally, forwarded to the real upstream, or recorded/replayed. */
export type RouteMode = 'mock' | 'proxy' | 'record' | 'replay'

/** What became of a request, as the journal shows it (`aborted`: the client left before the answer). */
export type Outcome = 'ok' | 'rejected' | 'error' | 'proxied' | 'replayed' | 'forced' | 'aborted'

/** One HTTP exchange as recordings and the journal see it. */
export interface Exchange {
  readonly method: string
  readonly path: string
  readonly status: number
}
