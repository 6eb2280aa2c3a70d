/**
 * Which entries an export returns and in what order, as the server's queries pick them: one entry by
 * uuid, a parent's children, one owner's branch entries, or a whole form or branch; then the date and
 * title filters, the sort and the page.
 *
 * @see epicollect5-server app/Http/Controllers/Api/Entries/View/ViewEntriesControllerBase.php,
 *   app/Models/Entries/{Entry,BranchEntry}.php and app/Traits/Eloquent/Entries.php
 *   (sortAndFilterEntries)
 */
import { endOfDay, parseUtcDateTime, startOfDay } from '../wire/dates.js'
import type { EntriesQuery } from './entries-query.js'
import type { EntryStore, StoredEntry } from '../state/entry-store.js'
import { phpTruthy } from '../wire/query-params.js'
import { compareText } from '../../../core/collation.js'

export interface Selection {
  readonly total: number
  readonly page: readonly StoredEntry[]
  /** max/min `created_at` of the whole filtered set, undefined when it is empty. */
  readonly newestMs: number | undefined
  readonly oldestMs: number | undefined
  readonly lastPage: number
}

/** PHP `!empty()`: '' and '0' do not select anything. */
const given = phpTruthy

function candidates(store: EntryStore, q: EntriesQuery): readonly StoredEntry[] {
  if (given(q.branchRef)) {
    if (given(q.uuid)) {
      const one = store.branchEntry(q.uuid)
      return one && one.formRef === q.formRef ? [one] : []
    }
    if (given(q.branchOwnerUuid))
      return store
        .owned(q.branchOwnerUuid)
        .filter((e) => e.formRef === q.formRef && e.branchRef === q.branchRef)
    return store.byBranch(q.formRef, q.branchRef)
  }
  if (given(q.uuid)) {
    const one = store.entry(q.uuid)
    return one && one.formRef === q.formRef ? [one] : []
  }
  if (given(q.parentUuid))
    // The query also matches parent_form_ref, so without it nothing comes back (a real quirk).
    return store
      .children(q.parentUuid)
      .filter((e) => e.formRef === q.formRef && e.parentFormRef === q.parentFormRef)
  return store.byForm(q.formRef)
}

/** `title LIKE %value%` under a case-insensitive collation; `%` and `_` stay wildcards. */
function likeMatcher(value: string): (title: string) => boolean {
  let pattern = ''
  for (let i = 0; i < value.length; i++) {
    const ch = value.charAt(i)
    if (ch === '\\' && i + 1 < value.length) pattern += escapeRegExp(value.charAt(++i))
    else if (ch === '%') pattern += '.*'
    else if (ch === '_') pattern += '.'
    else pattern += escapeRegExp(ch)
  }
  const regex = new RegExp(pattern, 'iu')
  return (title) => regex.test(title)
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}

function filter(list: readonly StoredEntry[], q: EntriesQuery): readonly StoredEntry[] {
  let out = list
  if (given(q.filterBy)) {
    const at = (e: StoredEntry) => (q.filterBy === 'uploaded_at' ? e.uploadedAtMs : e.createdAtMs)
    const from = given(q.filterFrom) ? parseUtcDateTime(q.filterFrom) : undefined
    const to = given(q.filterTo) ? parseUtcDateTime(q.filterTo) : undefined
    // Both bounds widen to whole days; a single bound compares the raw value.
    if (from !== undefined && to !== undefined) {
      const [low, high] = [startOfDay(from), endOfDay(to)]
      out = out.filter((e) => at(e) >= low && at(e) <= high)
    } else if (from !== undefined) out = out.filter((e) => at(e) >= from)
    else if (to !== undefined) out = out.filter((e) => at(e) <= to)
  }
  if (given(q.title)) {
    const matches = likeMatcher(q.title)
    out = out.filter((e) => matches(e.title))
  }
  return out
}

const utf8 = new TextEncoder()

function sorted(list: readonly StoredEntry[], q: EntriesQuery): readonly StoredEntry[] {
  // Lists come oldest first already; only other keys need a sort.
  if (q.sortBy === 'created_at') return list
  const copy = [...list]
  if (q.sortBy === 'uploaded_at')
    copy.sort((a, b) => a.uploadedAtMs - b.uploadedAtMs || a.seq - b.seq)
  else
    copy.sort(
      (a, b) =>
        utf8.encode(a.title).length - utf8.encode(b.title).length ||
        compareText(a.title, b.title) ||
        a.seq - b.seq,
    )
  return copy
}

/** The rows of one page: a negative per_page is ignored by the query builder's limit(), so all. */
export function pageBounds(total: number, perPage: number, page: number) {
  const all = perPage <= 0
  const lastPage = all ? 1 : Math.max(Math.ceil(total / perPage), 1)
  const start = all ? 0 : (page - 1) * perPage
  const end = all ? total : Math.min(start + perPage, total)
  return { lastPage, start, end }
}

export function selectEntries(store: EntryStore, q: EntriesQuery): Selection {
  const chosen = filter(candidates(store, q), q)
  const total = chosen.length
  // Candidates come oldest first, and filtering keeps that order: the ends are the extremes.
  const newestMs = chosen.at(-1)?.createdAtMs
  const oldestMs = chosen[0]?.createdAtMs
  const ordered = sorted(chosen, q)
  const { lastPage, start, end } = pageBounds(total, q.perPage, q.page)
  const page: StoredEntry[] = []
  for (let i = start; i < end; i++) {
    const entry = ordered[q.descending ? total - 1 - i : i]
    if (entry) page.push(entry)
  }
  return { total, page, newestMs, oldestMs, lastPage }
}
