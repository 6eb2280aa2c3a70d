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
import { formatIsoSeconds } from '../wire/dates.js'
import type { EntriesQuery } from './entries-query.js'
import { selectEntries, type Selection } from './entries-select.js'
import { exportView } from '../wire/export-view.js'
import { encodePhpJson } from '../wire/php-json.js'
import type { ProjectRecord } from '../state/project-fixtures.js'

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

/** The link of every page but the page number: all sanitised parameters but `page`, in order. */
function linkBase(q: EntriesQuery, ctx: ExportContext): string {
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
  parts.push('page=')
  return `${ctx.requestUrl}?${parts.join('&')}`
}

/** What the paginator knows of a selection: its size and its last page. */
export interface PageCounts {
  readonly total: number
  readonly lastPage: number
}

/** `ResponseTools::getMeta`: `from`/`to` repeat the page numbers. */
export function pageMeta(
  q: EntriesQuery,
  s: PageCounts,
  newest: string | null,
  oldest: string | null,
) {
  return {
    total: s.total,
    per_page: q.perPage,
    current_page: q.page,
    last_page: s.lastPage,
    from: q.page,
    to: s.lastPage,
    newest,
    oldest,
  }
}

/** The meta of an entries selection: DateFormatConverter drops milliseconds; no rows, both "now". */
export function selectionMeta(q: EntriesQuery, s: Selection, nowMs: number) {
  const iso = (ms: number | undefined) => formatIsoSeconds(ms ?? nowMs)
  return pageMeta(q, s, iso(s.newestMs), iso(s.oldestMs))
}

/** `ResponseTools::getLinks`, from the URL the client used and every sanitised parameter. */
export function pageLinks(q: EntriesQuery, s: PageCounts, ctx: ExportContext) {
  const base = linkBase(q, ctx)
  const page = (n: number) => `${base}${String(n)}`
  return {
    self: page(q.page),
    first: page(1),
    prev: q.page > 1 ? page(q.page - 1) : null,
    next: q.page < s.lastPage ? page(q.page + 1) : null,
    last: page(s.lastPage),
  }
}

/** The envelope around a page's entries (already encoded), as `Response::apiData` writes it. */
export function entriesEnvelope(
  data: string,
  meta: ReturnType<typeof pageMeta>,
  links: ReturnType<typeof pageLinks>,
): string {
  return `{"meta":${enc(meta)},"data":${data},"links":${enc(links)}}`
}

export interface ExportBody {
  readonly contentType: string
  readonly body: string
  /** The selection was empty, so `newest`/`oldest` are "now". */
  readonly empty: boolean
}

const enc = (value: unknown) => encodePhpJson(value, { escapeSlashes: false })

export function exportEntries(
  project: ProjectRecord,
  q: EntriesQuery,
  ctx: ExportContext,
): ExportBody {
  const selection = selectEntries(project.entries(), q)
  const view = exportView(project, { ...q, baseUrl: ctx.baseUrl })
  if (q.format === 'csv') {
    let body = q.headers ? view.csvHeader : ''
    for (const entry of selection.page) body += view.csv(entry)
    // The controller returns the buffer with no content type, so Laravel's default applies.
    return { contentType: 'text/html; charset=UTF-8', body, empty: selection.total === 0 }
  }
  const meta = selectionMeta(q, selection, ctx.nowMs)
  const map = project.mapping.find((m) => m.map_index === q.mapIndex)
  // Set inside the loop over entries on the server, so absent when the page is empty.
  const mapping =
    selection.page.length > 0 && map
      ? `,"mapping":${enc({ map_name: map.name, map_index: map.map_index })}`
      : ''
  // The same bytes as encoding {meta, data: {id, type, entries, mapping}, links} in one go.
  const entries = selection.page.map((entry) => view.json(entry)).join(',')
  const data = `{"id":${enc(project.slug)},"type":"entries","entries":[${entries}]${mapping}}`
  return {
    contentType: 'application/vnd.api+json; charset=utf-8',
    empty: selection.total === 0,
    body: entriesEnvelope(data, meta, pageLinks(q, selection, ctx)),
  }
}
