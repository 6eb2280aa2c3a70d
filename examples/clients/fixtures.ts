/**
 * What the examples need from standin's default scenario (its shipped fixtures). REDCap needs
 * nothing: the examples create their own project with a super token.
 */
export const EPICOLLECT_PROJECT = 'ec5-demo-project'
export const REDOX_DESTINATION = 'standin'
export const REDOX_ENVIRONMENT = 'Development'
