/**
 * The survey contents that answer one participant's text (link, access code, return code): find
 * the survey, the record and the instance, make the participant if needed, send one value as
 * plain text. They need API Export and Survey Distribution Tools.
 */
import type { SurveyParticipant } from '../state/model.js'
import { REQUIRE } from '../state/rights.js'
import { participantFor, surveyInstance, surveyPlace, surveyRecord } from '../state/surveys.js'
import { textReply } from '../wire/reply.js'
import type { ContentDef, ProjectCall } from './types.js'

export function surveyTextContent(
  content: string,
  pick: (participant: SurveyParticipant, call: ProjectCall) => string,
): ContentDef {
  return {
    content,
    action: { from: 'data' },
    actions: {
      export: {
        requires: [REQUIRE.surveyTools],
        run(call) {
          const { project, params, access, deps } = call
          const place = surveyPlace(project, params)
          const entry = surveyRecord(project, access, params)
          const instance = surveyInstance(project, place, params)
          const participant = participantFor(project, place, entry.id, instance, deps.random)
          return textReply(call.returnFormat, pick(participant, call))
        },
      },
    },
  }
}
