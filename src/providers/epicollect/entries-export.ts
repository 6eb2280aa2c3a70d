/**
 * `GET /api/export/entries/{slug}`: entries or (with `branch_ref`) branch entries, as JSON with
 * `meta`, `data` and `links`, or as CSV (header row on every page, no meta, no links).
 *
 * `meta.from`/`meta.to` are page numbers, `newest`/`oldest` span the whole filtered set, and the links
 * repeat every sanitised parameter in `search_data_entries` order with `page` moved to the end, built
 * from the URL the client used, as Laravel's LengthAwarePaginator does.
 *
 * @see epicollect5-server app/Http/Controllers/Api/Entries/View/ViewEntriesDataController.php,
 *   app/Traits/Response/ResponseTools.php and app/Libraries/Utilities/DateFormatConverter.php
 */
import { csvLine } from './csv.js'
import { formatIsoSeconds } from './dates.js'
import type { EntriesQuery } from './entries-query.js'
import { selectEntries, type Selection } from './entries-select.js'
import { csvHeader, exportLayout, mapEntryCsv, mapEntryJson } from './entry-mapping.js'
import { encodePhpJson } from './php-json.js'
import type { ProjectRecord } from './project-fixtures.js'

export interface ExportContext {
  /** The base URL of the mount as the client reached it (links and public media URLs). */
  readonly baseUrl: string
  /** The request URL without its query string (`request()->url()`), the links' path. */
  readonly requestUrl: string
  /** Virtual now: `newest`/`oldest` of an empty selection. */
  readonly nowMs: number
}

/** PHP `rawurlencode` (RFC 3986), as `http_build_query(..., PHP_QUERY_RFC3986)` uses it. */
function rawUrlEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  )
}

function pageLink(q: EntriesQuery, ctx: ExportContext, page: number): string {
  const parts: string[] = []
  for (const [key, value] of q.params) {
    if (key === 'page') continue
    if (typeof value === 'string' || typeof value === 'number')
      parts.push(`${key}=${rawUrlEncode(String(value))}`)
    else
      value.forEach((item, i) =>
        parts.push(`${rawUrlEncode(`${key}[${String(i)}]`)}=${rawUrlEncode(item)}`),
      )
  }
  parts.push(`page=${String(page)}`)
  return `${ctx.requestUrl}?${parts.join('&')}`
}

function meta(q: EntriesQuery, s: Selection, ctx: ExportContext) {
  // DateFormatConverter drops the milliseconds; with no rows both are "now".
  const iso = (ms: number | undefined) => formatIsoSeconds(ms ?? ctx.nowMs)
  return {
    total: s.total,
    per_page: q.perPage,
    current_page: q.page,
    last_page: s.lastPage,
    from: q.page,
    to: s.lastPage,
    newest: iso(s.newestMs),
    oldest: iso(s.oldestMs),
  }
}

function links(q: EntriesQuery, s: Selection, ctx: ExportContext) {
  return {
    self: pageLink(q, ctx, q.page),
    first: pageLink(q, ctx, 1),
    prev: q.page > 1 ? pageLink(q, ctx, q.page - 1) : null,
    next: q.page < s.lastPage ? pageLink(q, ctx, q.page + 1) : null,
    last: pageLink(q, ctx, s.lastPage),
  }
}

export interface ExportBody {
  readonly contentType: string
  readonly body: string
}

export function exportEntries(
  project: ProjectRecord,
  q: EntriesQuery,
  ctx: ExportContext,
): ExportBody {
  const selection = selectEntries(project.entries(), q)
  const layout = exportLayout(project, q.formRef, q.branchRef, q.mapIndex, ctx.baseUrl)
  if (q.format === 'csv') {
    let body = q.headers ? csvLine(csvHeader(layout)) : ''
    for (const entry of selection.page) body += csvLine(mapEntryCsv(entry, layout))
    // The controller returns the buffer with no content type, so Laravel's default applies.
    return { contentType: 'text/html; charset=UTF-8', body }
  }
  const map = project.mapping.find((m) => m.map_index === q.mapIndex)
  const data = {
    id: project.slug,
    type: 'entries',
    entries: selection.page.map((entry) => mapEntryJson(entry, layout)),
    // Set inside the loop over entries on the server, so absent when the page is empty.
    ...(selection.page.length > 0 && map
      ? { mapping: { map_name: map.name, map_index: map.map_index } }
      : {}),
  }
  const content = { meta: meta(q, selection, ctx), data, links: links(q, selection, ctx) }
  return {
    contentType: 'application/vnd.api+json; charset=utf-8',
    body: encodePhpJson(content, { escapeSlashes: false }),
  }
}
