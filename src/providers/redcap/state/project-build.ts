/**
 * Building projects: an empty one with REDCap's defaults, unique event names, and a project filled
 * from a fixture (data dictionary, arms, events, mapping, repeating setup, DAGs, roles, surveys,
 * records and their files).
 */
import { parseCsvObjects } from '../wire/csv.js'
import { fieldFromWire } from '../wire/metadata-columns.js'
import type { ProjectFiles } from './fixture.js'
import type { Project, ProjectSettings, RedcapState } from './model.js'
import { eventByUniqueName, formsOfFields, recordIdField } from './project-shape.js'
import { importRecords } from './records/ingest.js'
import { findRow } from './records/store.js'
import { storeDoc, type FileInput } from './stored-files.js'
import { fillExtras } from './fixture-extras.js'

export function defaultSettings(title: string): ProjectSettings {
  return {
    title,
    purpose: 0,
    purposeOther: '',
    notes: '',
    language: 'English',
    isLongitudinal: false,
    surveysEnabled: false,
    schedulingEnabled: false,
    autoNumbering: true,
    randomizationEnabled: false,
    ddpEnabled: false,
    irbNumber: '',
    grantNumber: '',
    piFirstname: '',
    piLastname: '',
    displayTodayNowButton: true,
    missingDataCodes: '',
    customRecordLabel: '',
    secondaryUniqueField: '',
    bypassBranchingErasePrompt: false,
  }
}

export function emptyProject(id: number, settings: ProjectSettings, now: string): Project {
  return {
    id,
    settings,
    status: 'development',
    deleted: false,
    completed: false,
    online: true,
    creationTime: now,
    productionTime: '',
    fields: [],
    forms: [],
    arms: [],
    events: [],
    mapping: new Map(),
    repeating: [],
    dags: [],
    roles: [],
    surveys: [],
    docs: new Map(),
    records: new Map(),
    users: new Map(),
    reports: [],
    repository: { folders: [], files: [] },
    log: [],
    participants: [],
    queueHashes: new Map(),
    dagSwitcher: new Map(),
  }
}

/**
 * REDCap's unique event name: the name lower-cased, other characters as `_`, cut to 18
 * characters, then `_arm_N` ("Deadline to opt out of study" → `deadline_to_opt_ou_arm_2`); a clash
 * gets a letter (`b`, `c`, ...) before the arm suffix (inferred).
 */
export function uniqueEventName(project: Project, name: string, armNum: number, selfId = -1) {
  const base = name
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '_')
    .slice(0, 18)
    .replace(/_+$/, '')
  const taken = (u: string) => project.events.some((e) => e.uniqueName === u && e.id !== selfId)
  let candidate = `${base}_arm_${String(armNum)}`
  for (let n = 1; taken(candidate); n++) {
    candidate = `${base}${String.fromCharCode(97 + n)}_arm_${String(armNum)}`
  }
  return candidate
}

/** Classic projects still have one arm and one event inside REDCap; records live there. */
export function addClassicEvent(state: RedcapState, project: Project): void {
  project.arms = [{ num: 1, name: 'Arm 1' }]
  project.events = [
    {
      id: state.sequence.event++,
      armNum: 1,
      name: 'Event 1',
      uniqueName: 'event_1_arm_1',
      customLabel: '',
      dayOffset: 0,
      offsetMin: 0,
      offsetMax: 0,
    },
  ]
}

export function fillFromFixture(state: RedcapState, project: Project, files: ProjectFiles): void {
  const { fixture } = files
  project.status = fixture.status
  project.creationTime = fixture.creationTime
  project.productionTime = fixture.productionTime
  project.fields = parseCsvObjects(files.metadataCsv).map(fieldFromWire)
  project.forms = fixture.forms
  project.forms = formsOfFields(project, project.fields)
  if (!project.settings.isLongitudinal) addClassicEvent(state, project)
  else {
    project.arms = fixture.arms
    for (const e of fixture.events) {
      const event = {
        id: state.sequence.event++,
        armNum: e.arm,
        name: e.name,
        uniqueName: '',
        customLabel: e.customLabel,
        dayOffset: e.dayOffset,
        offsetMin: e.offsetMin,
        offsetMax: e.offsetMax,
      }
      event.uniqueName = e.uniqueName ?? uniqueEventName(project, e.name, e.arm)
      project.events.push(event)
    }
    for (const [unique, forms] of Object.entries(fixture.mapping)) {
      const event = eventByUniqueName(project, unique)
      if (!event) throw new Error(`mapping names unknown event "${unique}"`)
      project.mapping.set(event.id, [...forms])
    }
  }
  const eventId = (unique: string) =>
    unique === '' ? (project.events[0]?.id ?? 0) : (eventByUniqueName(project, unique)?.id ?? 0)
  project.repeating = fixture.repeating.map((r) => ({
    eventId: eventId(r.event),
    form: r.form,
    customLabel: r.customLabel,
  }))
  project.dags = fixture.dags.map((d) => ({ ...d, id: state.sequence.dag++ }))
  project.roles = fixture.roles.map((r) => ({ ...r, id: state.sequence.role++ }))
  project.surveys = fixture.surveys
  loadRecords(state, project, files)
  fillExtras(state, project, fixture, files.repositoryFiles)
  for (const response of fixture.surveyResponses) {
    const entry = project.records.get(response.record)
    const row =
      entry &&
      (findRow(entry, eventId(response.event), '', response.instance) ??
        findRow(entry, eventId(response.event), response.form, response.instance))
    row?.surveys.set(response.form, {
      identifier: response.identifier,
      timestamp: response.timestamp,
    })
  }
}

function loadRecords(state: RedcapState, project: Project, files: ProjectFiles): void {
  const rows = parseCsvObjects(files.recordsCsv)
  const fileFields = project.fields.filter((f) => f.type === 'file').map((f) => f.name)
  importRecords(project, rows, {
    overwrite: false,
    forceAutoNumber: false,
    dateFormat: 'YMD',
    dagId: null,
    now: project.creationTime,
    keepCalculated: true,
  })
  const idField = recordIdField(project)
  for (const row of rows) {
    const entry = project.records.get(row[idField] ?? '')
    const created = entry && files.fixture.recordTimes[entry.id]
    if (entry && created) entry.createdAt = entry.modifiedAt = created
    for (const name of fileFields) {
      const fileName = row[name] ?? ''
      const bytes = files.files.get(fileName)
      if (fileName !== '' && bytes)
        attachFile(state, project, row, name, { name: fileName, mimeType: '', bytes })
    }
  }
}

/** Stores an uploaded file and sets it as the file field's value on the row an import row names. */
export function attachFile(
  state: RedcapState,
  project: Project,
  row: Readonly<Record<string, string>>,
  field: string,
  file: FileInput,
): void {
  const entry = project.records.get(row[recordIdField(project)] ?? '')
  const event = project.settings.isLongitudinal
    ? eventByUniqueName(project, row.redcap_event_name ?? '')
    : project.events[0]
  const instance = row.redcap_repeat_instance ? Number(row.redcap_repeat_instance) : null
  const target =
    entry && event && findRow(entry, event.id, row.redcap_repeat_instrument ?? '', instance)
  if (!target) return
  target.values.set(field, String(storeDoc(state, project, file).id))
}
