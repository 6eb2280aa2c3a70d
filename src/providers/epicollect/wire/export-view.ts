/**
 * Entries never change once loaded, so an entry mapped under one layout (form or branch, map, base
 * URL) always serialises to the same JSON object and the same CSV line. A view keeps those per
 * entry, and a page is their concatenation: mapping and encoding run once per entry, not once per
 * request. Views are bounded per project, so varied base URLs cannot grow memory without end.
 */
import { csvLine } from './csv.js'
import type { StoredEntry } from '../state/entry-store.js'
import { csvHeader, mapEntryCsv, mapEntryJson } from './entry-mapping.js'
import { exportLayout } from './export-layout.js'
import { encodePhpJson } from './php-json.js'
import type { ProjectRecord } from '../state/project-fixtures.js'

export interface ExportView {
  /** The CSV header row, with its line end. */
  readonly csvHeader: string
  /** One entry as PHP-encoded JSON (no trailing comma). */
  json(entry: StoredEntry): string
  /** One entry as a CSV line, with its line end. */
  csv(entry: StoredEntry): string
}

const MAX_VIEWS_PER_PROJECT = 16
const views = new WeakMap<ProjectRecord, Map<string, ExportView>>()

/** What a view depends on: the form (or branch), the map and the base URL of media links. */
export interface ViewKey {
  readonly formRef: string
  readonly branchRef: string
  readonly mapIndex: number
  readonly baseUrl: string
}

function createView(project: ProjectRecord, key: ViewKey): ExportView {
  const layout = exportLayout(project, key.formRef, key.branchRef, key.mapIndex, key.baseUrl)
  const json = new Map<number, string>()
  const csv = new Map<number, string>()
  return {
    csvHeader: csvLine(csvHeader(layout)),
    json(entry) {
      let text = json.get(entry.seq)
      if (text === undefined) {
        text = encodePhpJson(mapEntryJson(entry, layout), { escapeSlashes: false })
        json.set(entry.seq, text)
      }
      return text
    },
    csv(entry) {
      let line = csv.get(entry.seq)
      if (line === undefined) {
        line = csvLine(mapEntryCsv(entry, layout))
        csv.set(entry.seq, line)
      }
      return line
    },
  }
}

export function exportView(project: ProjectRecord, key: ViewKey): ExportView {
  let byKey = views.get(project)
  if (!byKey) {
    byKey = new Map()
    views.set(project, byKey)
  }
  const id = `${key.formRef}|${key.branchRef}|${String(key.mapIndex)}|${key.baseUrl}`
  let view = byKey.get(id)
  if (!view) {
    if (byKey.size >= MAX_VIEWS_PER_PROJECT) byKey.clear()
    view = createView(project, key)
    byKey.set(id, view)
  }
  return view
}
