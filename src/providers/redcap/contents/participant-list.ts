/**
 * `content=participantList` (docs/protocols/redcap.md §2.4; columns as redcapAPI documents them, numbers
 * where PyCap's fixtures have them): the participants of one survey and event: those added by
 * e-mail, and every record of the event's arm (and each repeat instance that answered).
 * `response_status` is 2 once the record's response is in, else 0; standin sends no invitations.
 */
import type { Project, SurveyParticipant } from '../state/model.js'
import { findRow, sortedRecords } from '../state/records/store.js'
import { REQUIRE } from '../state/rights.js'
import {
  participantFor,
  queueLink,
  surveyLink,
  surveyPlace,
  withCodes,
  type SurveyPlace,
} from '../state/surveys.js'
import { tableReply, type Reply } from '../wire/reply.js'
import { tableFormat, type ContentDef, type ProjectCall } from './types.js'

const COLUMNS = [
  'email',
  'email_occurrence',
  'identifier',
  'record',
  'invitation_sent_status',
  'invitation_send_time',
  'response_status',
  'survey_access_code',
  'survey_link',
  'survey_queue_link',
]

/**
 * REDCap first makes a participant for every record of the event's arm (docs/redcap-methods.md),
 * so each record is listed, with a blank e-mail where none was given; a response's identifier
 * carries over.
 */
function addRecordsOfArm(call: ProjectCall, place: SurveyPlace): void {
  const { project } = call
  const armOf = (eventId: number) => project.events.find((e) => e.id === eventId)?.armNum
  const arm = armOf(place.eventId)
  for (const entry of sortedRecords(project)) {
    if (!entry.rows.some((row) => armOf(row.eventId) === arm)) continue
    participantFor(project, place, entry.id, 1, call.deps.random)
    for (const row of entry.rows) {
      const response = row.eventId === place.eventId ? row.surveys.get(place.form) : undefined
      if (!response) continue
      const answered = participantFor(project, place, entry.id, row.instance ?? 1, call.deps.random)
      if (answered.identifier === '') answered.identifier = response.identifier
    }
  }
}

function responded(project: Project, p: SurveyParticipant): boolean {
  const entry = project.records.get(p.record)
  if (!entry) return false
  const rows = [findRow(entry, p.eventId, '', null), findRow(entry, p.eventId, p.form, p.instance)]
  return rows.some((row) => row?.surveys.has(p.form))
}

function exportParticipants(call: ProjectCall): Reply {
  const { project, params, access, deps } = call
  const place = surveyPlace(project, params)
  addRecordsOfArm(call, place)
  const visible = (p: SurveyParticipant) => {
    if (p.record === '') return true
    const entry = project.records.get(p.record)
    return entry !== undefined && (access.dagId === null || entry.dagId === access.dagId)
  }
  const rows = project.participants
    .filter((p) => p.form === place.form && p.eventId === place.eventId && visible(p))
    .map((p) => withCodes(p, deps.random))
    .map((p) => ({
      email: p.email,
      email_occurrence: p.email === '' ? 0 : 1,
      identifier: p.identifier,
      record: p.record,
      invitation_sent_status: 0,
      invitation_send_time: '',
      response_status: responded(project, p) ? 2 : 0,
      survey_access_code: p.accessCode,
      survey_link: surveyLink(deps.baseUrl, p.hash),
      survey_queue_link:
        p.record === '' ? '' : queueLink(project, deps.baseUrl, p.record, deps.random),
    }))
  return tableReply(tableFormat(call), rows, { columns: COLUMNS })
}

const participantList: ContentDef = {
  content: 'participantList',
  action: { from: 'data' },
  actions: { export: { requires: [REQUIRE.surveyTools], run: exportParticipants } },
}
export default participantList
