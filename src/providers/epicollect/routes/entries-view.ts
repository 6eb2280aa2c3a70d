/**
 * The web app's `GET /api/entries/{slug}` (the mobile apps' entry download): the export's selection,
 * sort, paging, meta and links, but each entry is the stored entry JSON rather than a mapped row, and
 * `data` has no `mapping`. Always JSON, whatever `format` says.
 *
 * @see epicollect5-server app/Http/Controllers/Api/Entries/View/ViewEntriesDataController.php (show)
 */
import { entriesEnvelope, pageLinks, selectionMeta, type ExportContext } from './entries-export.js'
import type { EntriesQuery } from './entries-query.js'
import { selectEntries } from './entries-select.js'
import { encodePhpJson } from '../wire/php-json.js'
import type { ProjectRecord } from '../state/project-fixtures.js'
import { storedEntryJson } from '../wire/stored-entry.js'

export function viewEntries(project: ProjectRecord, q: EntriesQuery, ctx: ExportContext): string {
  const selection = selectEntries(project.entries(), q)
  const meta = selectionMeta(q, selection, ctx.nowMs)
  const entries = selection.page.map((entry) => storedEntryJson(project, entry)).join(',')
  const id = encodePhpJson(project.slug, { escapeSlashes: false })
  const data = `{"id":${id},"type":"entries","entries":[${entries}]}`
  return entriesEnvelope(data, meta, pageLinks(q, selection, ctx))
}
