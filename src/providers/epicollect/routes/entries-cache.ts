/**
 * Entries pages served from a cache. A project's entries come from its fixture and never change
 * while the project object lives (a reset or scenario load builds new ones), so a page's bytes
 * depend only on the query as sent, the URLs the client used and the page-size setting; they are
 * kept per project, keyed by those. The query is read and checked only on a miss: the same query
 * text always reads the same, and one that was refused never made a page. A page of an empty
 * selection carries "now" in `newest`/`oldest` and is not kept.
 */
import type { ExportBody } from './entries-export.js'
import type { ProjectRecord } from '../state/project-fixtures.js'

/** Pages kept per project; the oldest goes first. */
const MAX_PAGES = 32

export interface CachedPage {
  readonly contentType: string
  readonly body: Uint8Array<ArrayBuffer>
}

const pages = new WeakMap<ProjectRecord, Map<string, CachedPage>>()
const encoder = new TextEncoder()

/** What a page depends on besides its project. */
export interface PageKey {
  readonly baseUrl: string
  readonly requestUrl: string
  /** The query string as sent, `?` included. */
  readonly search: string
  readonly perPageMax: number
}

function keyOf(k: PageKey): string {
  return `${String(k.perPageMax)}\n${k.baseUrl}\n${k.requestUrl}\n${k.search}`
}

/** The page `key` names, from the cache or from `render`, which reads the query and builds it. */
export function cachedEntriesPage(
  project: ProjectRecord,
  key: PageKey,
  render: () => ExportBody,
): CachedPage {
  let kept = pages.get(project)
  if (!kept) {
    kept = new Map()
    pages.set(project, kept)
  }
  const text = keyOf(key)
  const hit = kept.get(text)
  if (hit) return hit
  const out = render()
  const page = { contentType: out.contentType, body: encoder.encode(out.body) }
  if (out.empty) return page
  if (kept.size >= MAX_PAGES) {
    const oldest = kept.keys().next().value
    if (oldest !== undefined) kept.delete(oldest)
  }
  kept.set(text, page)
  return page
}
