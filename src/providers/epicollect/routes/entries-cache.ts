/**
 * Entries pages served from a cache. A project's entries come from its fixture and never change
 * while the project object lives (a reset or scenario load builds new ones), so a page's bytes
 * depend only on the sanitised query and the URLs the client used; they are kept per project,
 * keyed by those. A page of an empty selection carries "now" in `newest`/`oldest` and is not kept.
 */
import { exportEntries, type ExportContext } from './entries-export.js'
import type { EntriesQuery } from './entries-query.js'
import type { ProjectRecord } from '../state/project-fixtures.js'

/** Pages kept per project; the oldest goes first. */
const MAX_PAGES = 32

export interface CachedPage {
  readonly contentType: string
  readonly body: Uint8Array<ArrayBuffer>
}

const pages = new WeakMap<ProjectRecord, Map<string, CachedPage>>()
const encoder = new TextEncoder()

function keyOf(q: EntriesQuery, ctx: ExportContext): string {
  const { params, ...rest } = q
  return JSON.stringify([ctx.baseUrl, ctx.requestUrl, [...params], rest])
}

export function cachedEntriesPage(
  project: ProjectRecord,
  q: EntriesQuery,
  ctx: ExportContext,
): CachedPage {
  let kept = pages.get(project)
  if (!kept) {
    kept = new Map()
    pages.set(project, kept)
  }
  const key = keyOf(q, ctx)
  const hit = kept.get(key)
  if (hit) return hit
  const out = exportEntries(project, q, ctx)
  const page = { contentType: out.contentType, body: encoder.encode(out.body) }
  if (out.empty) return page
  if (kept.size >= MAX_PAGES) {
    const oldest = kept.keys().next().value
    if (oldest !== undefined) kept.delete(oldest)
  }
  kept.set(key, page)
  return page
}
