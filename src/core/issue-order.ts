/**
 * One provider's credentials in issue order, so its cap can drop the oldest in O(1).
 *
 * A `Map` in insertion order looked like the same thing, but a map that loses its first entry on
 * every insert keeps the deleted slots at its front until it rehashes, and `values().next()`
 * walks over all of them: under a steady token load at the cap, that walk was an eighth of the
 * token endpoint's time. Here the forgotten are skipped once, and the array is cut when they
 * outnumber the living.
 */
export interface Forgettable {
  /** Set when the registry forgets the item; it is then skipped and, in time, cut away. */
  gone: boolean
}

/** Cut the array only when at least this many dead slots would go: amortises the copy. */
const MIN_CUT = 256

export class IssueOrder<T extends Forgettable> {
  #items: T[] = []
  #head = 0
  #live = 0

  /** How many are not gone. */
  get size(): number {
    return this.#live
  }

  push(item: T): void {
    this.#items.push(item)
    this.#live++
  }

  /** Tells the order that one of its items was marked gone. */
  forgotten(): void {
    this.#live--
    // Items forgotten out of order (a purge of the expired) are cut once they are most of the array.
    const kept = this.#items.length - this.#head
    if (kept - this.#live >= MIN_CUT && kept > 2 * this.#live) {
      this.#items = this.#items.slice(this.#head).filter((item) => !item.gone)
      this.#head = 0
    }
  }

  /** The oldest item not gone. */
  oldest(): T | undefined {
    const items = this.#items
    while (this.#head < items.length && items[this.#head]?.gone) this.#head++
    if (this.#head >= MIN_CUT && this.#head * 2 >= items.length) {
      this.#items = items.slice(this.#head)
      this.#head = 0
    }
    return this.#items[this.#head]
  }
}
