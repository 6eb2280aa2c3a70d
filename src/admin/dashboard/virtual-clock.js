// The virtual clock as this page knows it: the last snapshot from standin, run forward with the
// page's own monotonic time unless frozen, so countdowns tick without polling.

let snapshot = { nowMs: Number.NaN, frozen: true, seenAt: 0 }
const listeners = new Set()

export function setVirtualClock(clock) {
  snapshot = {
    nowMs: Date.parse(clock.now),
    frozen: clock.frozen === true,
    seenAt: performance.now(),
  }
  for (const listener of listeners) listener()
}

export function virtualNow() {
  if (snapshot.frozen) return snapshot.nowMs
  return snapshot.nowMs + (performance.now() - snapshot.seenAt)
}

export function isFrozen() {
  return snapshot.frozen
}

/** Called whenever standin reports a new clock. */
export function onClockChange(listener) {
  listeners.add(listener)
}
