/**
 * One entry as the web app's `/api/entries` sends it: the `entry_data` column (a MySQL JSON column,
 * so its keys come back sorted) with what the controller adds after decoding it: `uploaded_at`,
 * the entry's `branch_counts` and `child_counts` (form entries only) and `relationships.user`.
 *
 * The fixtures hold the answers, not the stored JSON, so some values are derived (docs/epicollect.md,
 * "The stored entry"): `project_version` is the current structure version, `was_jumped` is false,
 * the user id is 0 for `created_by` null and otherwise the uploader's place among the project's
 * uploaders, and the counts are those of the finished fixture, as if each entry was saved last.
 *
 * @see epicollect5-server app/DTO/EntryStructureDTO.php (createStructure, getValidatedEntry),
 *   app/Http/Controllers/Api/Entries/View/ViewEntriesDataController.php (sendEntriesJSON,
 *   sendBranchEntriesJSON) and app/Models/Counters/{Entry,BranchEntry}Counter.php
 */
import { formatIsoSeconds } from './dates.js'
import type { EntryStore, StoredEntry } from '../state/entry-store.js'
import type { ProjectRecord } from '../state/project-fixtures.js'
import { inMysqlJsonOrder } from './mysql-json.js'
import { encodePhpJson } from './php-json.js'
import { answeredInputs, storedAnswer } from './stored-answers.js'

type Json = Record<string, unknown>

const encoded = new WeakMap<StoredEntry, string>()
const uploaders = new WeakMap<EntryStore, ReadonlyMap<string, number>>()

/** The entry's JSON text as the route writes it (PHP encoding, slashes unescaped). */
export function storedEntryJson(project: ProjectRecord, entry: StoredEntry): string {
  let text = encoded.get(entry)
  if (text === undefined) {
    text = encodePhpJson(storedEntry(project, entry), { escapeSlashes: false })
    encoded.set(entry, text)
  }
  return text
}

function storedEntry(project: ProjectRecord, entry: StoredEntry): Json {
  const branch = entry.branchRef !== ''
  const type = branch ? 'branch_entry' : 'entry'
  const answers: Json = {}
  for (const input of answeredInputs(project, entry))
    answers[input.ref] = {
      answer: storedAnswer(input, entry.answers[input.ref]),
      was_jumped: false,
    }
  const data = inMysqlJsonOrder({
    type,
    id: entry.uuid,
    attributes: { form: { ref: entry.formRef, type: 'hierarchy' } },
    relationships: {
      parent: {
        data: { parent_form_ref: entry.parentFormRef, parent_entry_uuid: entry.parentUuid },
      },
      branch: { data: { owner_input_ref: entry.branchRef, owner_entry_uuid: entry.ownerUuid } },
    },
    [type]: {
      entry_uuid: entry.uuid,
      created_at: entry.createdAt,
      project_version: project.structureLastUpdated,
      title: entry.title,
      answers,
    },
  }) as Json & { attributes: Json; relationships: Json }
  ;(data[type] as Json).uploaded_at = formatIsoSeconds(entry.uploadedAtMs)
  if (!branch) Object.assign(data.attributes, counts(project, entry))
  data.relationships.user = { data: { id: userId(project.entries(), entry) } }
  return data
}

/**
 * The entries row's `branch_counts` and `child_counts`: untouched (null and 0) while the project has
 * neither branch entries nor entries in a second form; else every branch of the entry's form with
 * its count (`[]` for a form without branches, or when no branch entry exists) and the children.
 */
function counts(project: ProjectRecord, entry: StoredEntry): Json {
  const store = project.entries()
  const anyBranchEntry = [...store.branches().values()].some((list) => list.length > 0)
  const formsWithEntries = [...store.forms().values()].filter((list) => list.length > 0).length
  if (!anyBranchEntry && formsWithEntries < 2) return { branch_counts: null, child_counts: 0 }
  const branchCounts: Record<string, number> = {}
  if (anyBranchEntry)
    for (const input of project.model.form(entry.formRef)?.inputs ?? [])
      if (input.type === 'branch') branchCounts[input.ref] = entry.branchCounts[input.ref] ?? 0
  return {
    branch_counts: Object.keys(branchCounts).length === 0 ? [] : inMysqlJsonOrder(branchCounts),
    child_counts: store.children(entry.uuid).length,
  }
}

/** 0 for an entry uploaded without signing in; else a stable id per uploader email. */
function userId(store: EntryStore, entry: StoredEntry): number {
  if (entry.createdBy === null) return 0
  let ids = uploaders.get(store)
  if (!ids) {
    const all = [...store.forms().values(), ...store.branches().values()].flat()
    all.sort((a, b) => a.seq - b.seq)
    const found = new Map<string, number>()
    for (const e of all)
      if (e.createdBy !== null && !found.has(e.createdBy)) found.set(e.createdBy, found.size + 1)
    ids = found
    uploaders.set(store, ids)
  }
  return ids.get(entry.createdBy) ?? 0
}
