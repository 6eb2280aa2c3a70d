/**
 * What the examples take from standin's default scenario (its shipped fixtures). REDCap needs
 * nothing: the examples create their own project with a super token.
 */

/** A private Epicollect5 project; the default scenario gives it an app, which the examples replace. */
export const EPICOLLECT_PROJECT = 'ec5-school-bird-count'
export const REDOX_DESTINATION = 'redox-fhir-sandbox'
export const REDOX_ENVIRONMENT = 'Development'
/** A synthetic patient in fixtures/redox/fhir, found the way Redox's Patient search requires. */
export const REDOX_PATIENT_QUERY = { family: 'Alvarez', given: 'Maria', birthdate: '1984-03-12' }
