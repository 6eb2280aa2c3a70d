/** `content=surveyAccessCode` (docs/protocols/redcap.md §2.4): the participant's 9-character access code. */
import { surveyTextContent } from './survey-text.js'

export default surveyTextContent('surveyAccessCode', (p) => p.accessCode)
