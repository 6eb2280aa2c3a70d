/**
 * `content=participantList` (protocol notes §2.4; columns as redcapAPI documents them, numbers
 * where PyCap's fixtures have them): the participants of one survey and event: those added by
 * e-mail, and every record that answered or was given a link, code or return code.
 * `response_status` is 2 once the record's response is in, else 0; standin sends no invitations.
 */
import type { Project, SurveyParticipant } from '../state/model.js'
import { findRow } from '../state/records/store.js'
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

/** Records with a response to this survey get a participant (REDCap makes one per response). */
function addRespondents(call: ProjectCall, place: SurveyPlace): void {
  for (const entry of call.project.records.values()) {
    for (const row of entry.rows) {
      const response = row.eventId === place.eventId ? row.surveys.get(place.form) : undefined
      if (!response) continue
      const p = participantFor(call.project, place, entry.id, row.instance ?? 1, call.deps.random)
      if (p.identifier === '') p.identifier = response.identifier
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
  addRespondents(call, place)
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
