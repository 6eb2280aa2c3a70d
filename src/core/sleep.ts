/**
 * Latency is real wall time (a client's timeout fires on its own clock), so it waits through an
 * injected port: the Node edge really sleeps, tests pass one that records and returns at once.
 */

export type Sleep = (ms: number) => Promise<void>

export const realSleep: Sleep = (ms) =>
  new Promise((resolve) => {
    setTimeout(resolve, ms)
  })

/** Latency above ten minutes is a hang, not a delay: clients would have given up long before. */
export const MAX_DELAY_MS = 600_000
