/**
 * `content=project` with `data` and a super token: create one project (protocol notes §4.4,
 * api_docs_230). Without `odm` it gets one instrument with a record-ID field (and one arm and
 * event if longitudinal); with `odm` (project XML) it gets that XML's dictionary, arms, events,
 * form-event mapping, repeating setup, DAGs, surveys and records. The caller gets full rights and
 * the reply is the new 32-character token.
 */
import { badRequest } from '../wire/messages.js'
import type { Project, RedcapState } from '../state/model.js'
import { readOdm, type OdmProject } from '../wire/odm/read.js'
import {
  addClassicEvent,
  attachFile,
  defaultSettings,
  emptyProject,
} from '../state/project-build.js'
import { eventByUniqueName, formsOfFields } from '../state/project-shape.js'
import { importRecords } from '../state/records/ingest.js'
import { CREATOR_RIGHTS } from '../state/create.js'
import { redcapTime } from '../wire/time.js'
import { grantToken } from '../state/tokens.js'
import { readDataRows, type DataRow } from '../wire/data.js'
import { textReply, type Reply } from '../wire/reply.js'
import type { SuperCall } from './types.js'

function readRequest(call: SuperCall): DataRow {
  const rows = readDataRows(call.format, call.data ?? '')
  if (rows.length > 1)
    throw badRequest(
      "Only one project can be created at a time using the API 'Create Project' method. It appears that you have provided attributes for more than one project in the API request.",
    )
  const row = rows[0] ?? {}
  const title = (row.project_title ?? '').trim()
  const purpose = (row.purpose ?? '').trim()
  if (title === '' || !/^[0-4]$/.test(purpose))
    throw badRequest(
      "One or more components are missing in your input data. The following attributes are required: project_title, purpose. Also, 'purpose' must have a value of 0, 1, 2, 3, or 4.",
    )
  if (purpose === '1' && (row.purpose_other ?? '').trim() === '')
    throw badRequest(
      "You must provide some text for 'purpose_other' since you specified 'purpose' as '1' (Other).",
    )
  return row
}

export function createProject(call: SuperCall): Reply {
  const row = readRequest(call)
  const odmText = call.params.str('odm') ?? ''
  const odm = odmText.trim() === '' ? null : readOdm(odmText)
  const { state, deps } = call
  const now = redcapTime(deps.clock)
  const settings = defaultSettings((row.project_title ?? '').trim())
  settings.purpose = Number(row.purpose)
  settings.purposeOther = row.purpose_other ?? ''
  settings.notes = row.project_notes ?? odm?.notes ?? ''
  settings.isLongitudinal = row.is_longitudinal === '1' || (odm?.events.length ?? 0) > 0
  settings.surveysEnabled = row.surveys_enabled === '1' || (odm?.surveysEnabled ?? false)
  settings.schedulingEnabled = odm?.schedulingEnabled ?? false
  settings.autoNumbering =
    row.record_autonumbering_enabled === undefined
      ? (odm?.autoNumbering ?? true)
      : row.record_autonumbering_enabled !== '0'
  const project = emptyProject(state.sequence.project++, settings, now)
  state.projects.set(project.id, project)
  if (odm) fillFromOdm(state, project, odm, now)
  else fillDefault(state, project)
  const member = {
    username: call.user.username,
    rights: CREATOR_RIGHTS,
    roleId: null,
    dagId: null,
    token: null,
    credentialId: null,
  }
  project.users.set(member.username, member)
  return textReply(call.format, grantToken(deps, project, member))
}

function fillDefault(state: RedcapState, project: Project): void {
  project.fields = [
    {
      ...fieldTemplate(),
      name: 'record_id',
      form: 'form_1',
      type: 'text',
      label: 'Record ID',
    },
  ]
  project.forms = [{ name: 'form_1', label: 'Form 1' }]
  addClassicEvent(state, project)
  const event = project.events[0]
  if (project.settings.isLongitudinal && event) project.mapping.set(event.id, ['form_1'])
}

export function fieldTemplate() {
  return {
    name: '',
    form: '',
    sectionHeader: '',
    type: '',
    label: '',
    choices: '',
    note: '',
    validation: '',
    validationMin: '',
    validationMax: '',
    identifier: '',
    branchingLogic: '',
    required: '',
    customAlignment: '',
    questionNumber: '',
    matrixGroup: '',
    matrixRanking: '',
    annotation: '',
  }
}

function fillFromOdm(state: RedcapState, project: Project, odm: OdmProject, now: string): void {
  project.fields = odm.fields
  project.forms = odm.forms.filter((f) => odm.fields.some((x) => x.form === f.name))
  project.forms = formsOfFields(project, odm.fields)
  if (!project.settings.isLongitudinal) addClassicEvent(state, project)
  for (const e of odm.events) {
    if (!project.arms.some((a) => a.num === e.armNum))
      project.arms.push({ num: e.armNum, name: e.armName })
    const id = state.sequence.event++
    project.events.push({
      id,
      armNum: e.armNum,
      name: e.name,
      uniqueName: e.uniqueName,
      customLabel: e.customLabel,
      dayOffset: e.dayOffset,
      offsetMin: e.offsetMin,
      offsetMax: e.offsetMax,
    })
    project.mapping.set(id, e.forms)
  }
  project.arms.sort((a, b) => a.num - b.num)
  const eventId = (unique: string) =>
    project.settings.isLongitudinal ? eventByUniqueName(project, unique)?.id : project.events[0]?.id
  project.repeating = odm.repeating.flatMap((r) => {
    const id = eventId(r.event)
    return id === undefined ? [] : [{ eventId: id, form: r.form, customLabel: r.customLabel }]
  })
  project.dags = odm.dags.map((d) => ({ ...d, id: state.sequence.dag++ }))
  project.surveys = odm.surveys
  importRecords(project, odm.rows, {
    overwrite: false,
    forceAutoNumber: false,
    dateFormat: 'YMD',
    dagId: null,
    now,
    keepCalculated: true,
  })
  for (const file of odm.files) {
    const row = odm.rows[file.row]
    if (row) attachFile(state, project, row, file.field, file)
  }
}
