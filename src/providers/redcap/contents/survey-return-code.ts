/**
 * `content=surveyReturnCode` (docs/protocols/redcap.md §2.4): the 8-character code that resumes a partly
 * completed survey (standin treats every survey as having Save & Return Later on).
 */
import { surveyTextContent } from './survey-text.js'

export default surveyTextContent('surveyReturnCode', (p) => p.returnCode)
