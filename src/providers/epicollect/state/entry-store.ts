/**
 * A project's entries and branch entries, read from its fixture tables and indexed once: by form and
 * by branch (each sorted by `created_at`), by uuid, by parent and by owner. Exports then slice these
 * lists instead of scanning every entry.
 *
 * Fixture tables (`entries.json`, `branch-entries.json`) are lists of
 * `{ form_ref, [parent_form_ref | branch_ref], columns, rows }`. The columns `uuid`, `parent_uuid`,
 * `owner_uuid`, `created_at`, `uploaded_at`, `title` and `created_by` are the entry's own; every
 * other column is an input ref and its cells are the answers as the apps upload them.
 */
import { parseStoredTime } from '../wire/dates.js'

export interface StoredEntry {
  /** Insertion order, the database id's stand-in for stable ordering. */
  readonly seq: number
  readonly uuid: string
  readonly formRef: string
  readonly parentUuid: string
  readonly parentFormRef: string
  readonly ownerUuid: string
  readonly branchRef: string
  /** As the device sent it, with real milliseconds. */
  readonly createdAt: string
  readonly createdAtMs: number
  readonly uploadedAtMs: number
  readonly title: string
  /** The uploader's email; null shows as `n/a` (entries made while the project was public). */
  readonly createdBy: string | null
  readonly answers: Readonly<Record<string, unknown>>
  /** Branch entries per branch input, for owner entries. */
  readonly branchCounts: Record<string, number>
}

/** One fixture table: the rows of one form (with its parent form) or of one branch. */
export interface EntryTable {
  readonly form_ref: string
  readonly parent_form_ref?: string
  readonly branch_ref?: string
  readonly columns: readonly string[]
  readonly rows: readonly (readonly unknown[])[]
}

const OWN_COLUMNS = new Set([
  'uuid',
  'parent_uuid',
  'owner_uuid',
  'created_at',
  'uploaded_at',
  'title',
  'created_by',
])

function byCreated(a: StoredEntry, b: StoredEntry): number {
  return a.createdAtMs - b.createdAtMs || a.seq - b.seq
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

export class EntryStore {
  readonly #byForm = new Map<string, StoredEntry[]>()
  readonly #byBranch = new Map<string, StoredEntry[]>()
  readonly #entries = new Map<string, StoredEntry>()
  readonly #branchEntries = new Map<string, StoredEntry>()
  readonly #children = new Map<string, StoredEntry[]>()
  readonly #owned = new Map<string, StoredEntry[]>()
  #seq = 0

  constructor(entryTables: readonly EntryTable[], branchTables: readonly EntryTable[]) {
    for (const table of entryTables) this.#load(table, false)
    for (const table of branchTables) this.#load(table, true)
    for (const list of [...this.#byForm.values(), ...this.#byBranch.values()]) list.sort(byCreated)
    for (const list of [...this.#children.values(), ...this.#owned.values()]) list.sort(byCreated)
  }

  #load(table: EntryTable, branch: boolean): void {
    const at = (name: string) => table.columns.indexOf(name)
    const [uuid, parent, owner, created, uploaded, title, createdBy] = [
      at('uuid'),
      at('parent_uuid'),
      at('owner_uuid'),
      at('created_at'),
      at('uploaded_at'),
      at('title'),
      at('created_by'),
    ]
    const answerColumns = table.columns
      .map((ref, index) => ({ ref, index }))
      .filter((column) => !OWN_COLUMNS.has(column.ref))
    const text = (row: readonly unknown[], index: number) => {
      const value = index < 0 ? undefined : row[index]
      return typeof value === 'string' ? value : ''
    }
    for (const row of table.rows) {
      const answers: Record<string, unknown> = {}
      for (const { ref, index } of answerColumns) {
        if (row[index] !== null && row[index] !== undefined) answers[ref] = row[index]
      }
      const entry: StoredEntry = {
        seq: this.#seq++,
        uuid: text(row, uuid),
        formRef: table.form_ref,
        parentUuid: text(row, parent),
        parentFormRef: table.parent_form_ref ?? '',
        ownerUuid: text(row, owner),
        branchRef: table.branch_ref ?? '',
        createdAt: text(row, created),
        createdAtMs: parseStoredTime(text(row, created)) ?? 0,
        uploadedAtMs: parseStoredTime(text(row, uploaded)) ?? 0,
        title: text(row, title) || text(row, uuid),
        createdBy: text(row, createdBy) || null,
        answers,
        branchCounts: {},
      }
      if (branch) this.#addBranchEntry(entry)
      else this.#addEntry(entry)
    }
  }

  #addEntry(entry: StoredEntry): void {
    push(this.#byForm, entry.formRef, entry)
    this.#entries.set(entry.uuid, entry)
    if (entry.parentUuid !== '') push(this.#children, entry.parentUuid, entry)
  }

  #addBranchEntry(entry: StoredEntry): void {
    push(this.#byBranch, `${entry.formRef}|${entry.branchRef}`, entry)
    this.#branchEntries.set(entry.uuid, entry)
    push(this.#owned, entry.ownerUuid, entry)
    const owner = this.#entries.get(entry.ownerUuid)
    if (owner) owner.branchCounts[entry.branchRef] = (owner.branchCounts[entry.branchRef] ?? 0) + 1
  }

  /** A form's entries, oldest first. */
  byForm(formRef: string): readonly StoredEntry[] {
    return this.#byForm.get(formRef) ?? []
  }

  /** A branch's entries across all owners, oldest first. */
  byBranch(formRef: string, branchRef: string): readonly StoredEntry[] {
    return this.#byBranch.get(`${formRef}|${branchRef}`) ?? []
  }

  entry(uuid: string): StoredEntry | undefined {
    return this.#entries.get(uuid)
  }

  branchEntry(uuid: string): StoredEntry | undefined {
    return this.#branchEntries.get(uuid)
  }

  /** Child entries of a parent, any form, oldest first. */
  children(parentUuid: string): readonly StoredEntry[] {
    return this.#children.get(parentUuid) ?? []
  }

  /** Branch entries of an owner entry, any branch, oldest first. */
  owned(ownerUuid: string): readonly StoredEntry[] {
    return this.#owned.get(ownerUuid) ?? []
  }

  /** Every form list and branch list, for the project's stats. */
  forms(): ReadonlyMap<string, readonly StoredEntry[]> {
    return this.#byForm
  }

  branches(): ReadonlyMap<string, readonly StoredEntry[]> {
    return this.#byBranch
  }
}
