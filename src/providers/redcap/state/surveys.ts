/**
 * Survey participants as the survey contents find them: the survey (an instrument enabled as a
 * survey, in a project with surveys on), its event, the record (visible to the caller's DAG) and
 * the repeat instance; then the participant, made on first use with its link hash, 9-character
 * access code and 8-character return code (lengths as PyCap's tests expect; the 16-character hash
 * as REDCapR's live link shows). Links are `<base>/surveys/?s=HASH` and `?sq=HASH` for the queue.
 */
import type { Random } from '../../../core/random.js'
import { badRequest, MSG } from '../wire/messages.js'
import type { Project, RecordEntry, SurveyParticipant } from './model.js'
import {
  eventByUniqueName,
  formsOfEvent,
  isRepeatingEvent,
  isRepeatingForm,
} from './project-shape.js'
import type { Access } from './rights.js'
import type { ApiParams } from '../wire/params.js'

export interface SurveyPlace {
  readonly form: string
  readonly eventId: number
}

const code = (random: Random, length: number) => random.alphanumeric(length).toUpperCase()

/** `instrument` and `event`: a survey designated for that event (the only event, if classic). */
export function surveyPlace(project: Project, params: ApiParams): SurveyPlace {
  if (!project.settings.surveysEnabled) throw badRequest(MSG.surveysDisabled)
  const form = params.text('instrument')
  if (!project.surveys.some((s) => s.form === form)) throw badRequest(MSG.notSurvey(form))
  const event = project.settings.isLongitudinal
    ? eventByUniqueName(project, params.text('event'))
    : project.events[0]
  if (!event || !formsOfEvent(project, event.id).includes(form)) throw badRequest(MSG.invalidEvent)
  return { form, eventId: event.id }
}

/** `record`: an existing record the caller's DAG may see. */
export function surveyRecord(project: Project, access: Access, params: ApiParams): RecordEntry {
  const id = params.text('record')
  const entry = project.records.get(id)
  if (!entry || (access.dagId !== null && entry.dagId !== access.dagId))
    throw badRequest(MSG.noRecord(id))
  return entry
}

/** `repeat_instance` (default 1), kept only where the survey repeats on that event. */
export function surveyInstance(project: Project, place: SurveyPlace, params: ApiParams): number {
  const repeats =
    isRepeatingForm(project, place.eventId, place.form) || isRepeatingEvent(project, place.eventId)
  return repeats ? Math.max(1, Number.parseInt(params.text('repeat_instance'), 10) || 1) : 1
}

/** Gives a participant its codes the first time they are needed. */
export function withCodes(participant: SurveyParticipant, random: Random): SurveyParticipant {
  if (participant.hash === '') {
    participant.hash = code(random, 16)
    participant.accessCode = code(random, 9)
    participant.returnCode = code(random, 8)
  }
  return participant
}

export function participantFor(
  project: Project,
  place: SurveyPlace,
  record: string,
  instance: number,
  random: Random,
): SurveyParticipant {
  let participant = project.participants.find(
    (p) =>
      p.form === place.form &&
      p.eventId === place.eventId &&
      p.record === record &&
      p.instance === instance,
  )
  if (!participant) {
    participant = {
      ...place,
      record,
      instance,
      email: '',
      identifier: '',
      hash: '',
      accessCode: '',
      returnCode: '',
    }
    project.participants.push(participant)
  }
  return withCodes(participant, random)
}

export function surveyLink(baseUrl: string, hash: string): string {
  return `${baseUrl}/surveys/?s=${hash}`
}

export function queueLink(project: Project, baseUrl: string, record: string, random: Random) {
  let hash = project.queueHashes.get(record)
  if (hash === undefined) {
    hash = code(random, 16)
    project.queueHashes.set(record, hash)
  }
  return `${baseUrl}/surveys/?sq=${hash}`
}
