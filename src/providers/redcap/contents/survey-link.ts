/**
 * `content=surveyLink` (protocol notes §2.4): the survey link of one record, survey, event and
 * instance, `<base>/surveys/?s=HASH`; an unknown record is 400 `The record "X" does not exist`.
 */
import { surveyLink } from '../state/surveys.js'
import { surveyTextContent } from './survey-text.js'

export default surveyTextContent('surveyLink', (p, call) => surveyLink(call.deps.baseUrl, p.hash))
