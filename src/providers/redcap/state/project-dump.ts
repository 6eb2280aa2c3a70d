/**
 * A project as inline scenario content and back (`project-content.ts`): `dumpProject` writes what
 * `Project` holds but its users, `projectFromContent` rebuilds it with the same ids, so dumping the
 * rebuilt project gives the same document. Blank dictionary attributes and rights at their
 * defaults are left out to keep a saved scenario readable.
 */
import type { z } from 'zod'
import { fromBase64, toBase64 } from '../../../core/bytes.js'
import { PARSE_ONCE } from '../../../core/parse-once.js'
import type { Field, Project, RecordEntry, Rights } from './model.js'
import { emptyProject } from './project-build.js'
import type { ProjectContent, ProjectContentSchema } from './project-content.js'
import { RightsSchema } from './rights-seed.js'
import { FieldSchema } from './content-parts.js'

type ContentInput = z.input<typeof ProjectContentSchema>

const DEFAULT_RIGHTS: Readonly<Record<string, unknown>> = RightsSchema.parse({}, PARSE_ONCE)

/** The rights that differ from a new user's defaults (RightsSchema fills in the rest). */
export function rightsDiff(rights: Rights): Partial<Rights> {
  return Object.fromEntries(
    Object.entries(rights).filter(([key, value]) => DEFAULT_RIGHTS[key] !== value),
  )
}

/** The content schema's field keys, in its order: a dump reads the same however the field was built. */
const FIELD_KEYS = Object.keys(FieldSchema.shape) as (keyof Field)[]

function fieldDump(field: Field): Record<string, string> {
  return Object.fromEntries(FIELD_KEYS.flatMap((key) => (field[key] ? [[key, field[key]]] : [])))
}

function recordDump(entry: RecordEntry) {
  return {
    id: entry.id,
    dagId: entry.dagId,
    createdAt: entry.createdAt,
    modifiedAt: entry.modifiedAt,
    rows: entry.rows.map((row) => ({
      eventId: row.eventId,
      repeatInstrument: row.repeatInstrument,
      instance: row.instance,
      values: [...row.values],
      ...(row.checked.size === 0
        ? {}
        : { checked: [...row.checked].map(([f, codes]): [string, string[]] => [f, [...codes]]) }),
      ...(row.surveys.size === 0
        ? {}
        : {
            surveys: [...row.surveys].map(([form, s]): [string, string, string] => [
              form,
              s.identifier,
              s.timestamp,
            ]),
          }),
    })),
  }
}

export function dumpProject(project: Project): ContentInput {
  return {
    settings: { ...project.settings },
    creationTime: project.creationTime,
    productionTime: project.productionTime,
    fields: project.fields.map(fieldDump) as ContentInput['fields'],
    forms: project.forms.map((f) => ({ ...f })),
    arms: project.arms.map((a) => ({ ...a })),
    events: project.events.map((e) => ({ ...e })),
    mapping: [...project.mapping].map(([eventId, forms]) => ({ eventId, forms: [...forms] })),
    repeating: project.repeating.map((r) => ({ ...r })),
    // Keys in the content schema's order, whatever order the project was built in.
    dags: project.dags.map((d) => ({ id: d.id, name: d.name, uniqueName: d.uniqueName })),
    roles: project.roles.map((r) => ({
      id: r.id,
      uniqueName: r.uniqueName,
      label: r.label,
      rights: rightsDiff(r.rights),
    })),
    surveys: project.surveys.map((s) => ({ ...s })),
    docs: [...project.docs.values()].map((d) => ({
      id: d.id,
      name: d.name,
      mimeType: d.mimeType,
      base64: toBase64(d.bytes),
    })),
    records: [...project.records.values()].map(recordDump),
    reports: project.reports.map((r) => ({ ...r, fields: [...r.fields], events: [...r.events] })),
    repository: {
      folders: project.repository.folders.map((f) => ({ ...f })),
      files: project.repository.files.map((f) => ({ ...f })),
    },
    log: project.log.map((e) => ({ ...e })),
    participants: project.participants.map((p) => ({ ...p })),
    queueHashes: [...project.queueHashes],
    dagSwitcher: [...project.dagSwitcher].map(([user, ids]) => [user, [...ids]]),
    randomizations: project.randomizations.map((r) => ({
      ...r,
      strata: r.strata.map((s) => ({ ...s })),
      allocations: r.allocations.map((a) => ({ ...a, strata: Object.entries(a.strata) })),
    })),
  }
}

/** The project `c` describes, in development until the seed's `status` says otherwise. */
export function projectFromContent(id: number, c: ProjectContent): Project {
  const project = emptyProject(id, { ...c.settings }, c.creationTime)
  project.productionTime = c.productionTime
  project.fields = c.fields
  project.forms = c.forms
  project.arms = c.arms
  project.events = c.events
  project.mapping = new Map(c.mapping.map((m) => [m.eventId, m.forms]))
  project.repeating = c.repeating
  project.dags = c.dags
  project.roles = c.roles
  project.surveys = c.surveys
  for (const { base64, ...d } of c.docs) project.docs.set(d.id, { ...d, bytes: fromBase64(base64) })
  for (const r of c.records) {
    const rows = r.rows.map((row) => ({
      eventId: row.eventId,
      repeatInstrument: row.repeatInstrument,
      instance: row.instance,
      values: new Map(row.values),
      checked: new Map(row.checked.map(([f, codes]) => [f, new Set(codes)])),
      surveys: new Map(
        row.surveys.map(([form, identifier, timestamp]) => [form, { identifier, timestamp }]),
      ),
    }))
    project.records.set(r.id, { ...r, rows })
  }
  project.reports = c.reports
  project.repository = c.repository
  project.log = c.log
  project.participants = c.participants
  project.queueHashes = new Map(c.queueHashes)
  project.dagSwitcher = new Map(c.dagSwitcher)
  project.randomizations = c.randomizations.map((r) => ({
    ...r,
    allocations: r.allocations.map((a) => ({ ...a, strata: Object.fromEntries(a.strata) })),
  }))
  return project
}
