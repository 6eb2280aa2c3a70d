/**
 * REDCap's wire messages, word for word (REDCap 15.7.6 `LanguageUpdater/English.ini` and the API
 * handlers; see the protocol notes §3.2). Messages with a part that varies are functions.
 * The `fail*` helpers build the StandinError that carries each one.
 */
import { StandinError } from '../../../core/errors.js'

export const MSG = {
  /** The 400 default when a handler gives no message (RestUtility::sendResponse). */
  default400:
    'There were errors with your request. If you are sending data, then it might be due to the data being misformatted. ',
  noPermission: 'You do not have permissions to use the API',
  notImplemented: 'The requested method is not implemented.',
  serverError: 'The server encountered an error processing your request.',
  superTokenRequired:
    "You do not have permissions to use the API 'Create Project' method. You must have been granted a 64-character Super API Token from a REDCap administrator in order to utilize this method.",
  noApiExport: 'You do not have API Export privileges',
  noApiImport: 'You do not have API Import/Update privileges',
  noDelete: 'You do not have Delete Record privileges',
  noRename: 'You do not have Rename Record privileges',
  noRandomize: 'You do not have Randomize privileges',
  dagAssigned: (verb: 'export' | 'import' | 'delete') =>
    `You do not have permission to ${verb} Data Access Groups because you have been assigned to a Data Access Group.`,
  expired: (date: string) =>
    `You do not have API rights because your privileges have expired for this project as of ${date}.`,
  noDataExport:
    'The API request cannot complete because currently you have "No Access" data export rights. Higher level data export rights are required for this operation.',
  apiDisabled: 'The REDCap API is not enabled.',
  projectDeleted: 'The REDCap project no longer exists because it was deleted.',
  projectCompleted:
    'The REDCap project is no longer accessible because it was marked as Completed.',
  projectOffline: 'This project is currently OFFLINE and is not accessible to normal users.',
  notArray: (param: 'arms' | 'events') =>
    `The '${param}' parameter is either missing or is not an array. It must be provided as an array even if it only contains one value.`,
  badContent: 'The value of the parameter "content" is not valid',
  badAction: 'The value of the parameter "action" is not valid',
  badJson: (decoderMessage: string) =>
    `The data being imported is not formatted correctly. PHP error from JSON decoder: ${decoderMessage}. The JSON must be in an array, as in [{ ... }].`,
  badXml: (reason: string) =>
    `The data being imported is not formatted correctly. Error: ${reason}`,
  invalidValues: (param: string, values: readonly string[]) =>
    `The following values in the parameter "${param}" are not valid: ${values.map((v) => `'${v}'`).join(', ')}`,
  onlyDescriptive:
    'The variables provided in the parameter "fields" are not valid fields that contain data. This might happen if you only provided variables for Descriptive fields.',
  allFieldsRemoved:
    'The API request cannot complete because all the fields you have specified in your request are fields that will be removed due to your limited Data Export privileges, so there is nothing to return. Higher level data export rights are required to retrieve data for the fields specified.',
  classicArms: 'You cannot export arms for classic projects',
  classicEvents: 'You cannot export events for classic projects',
  classicMapping: 'You cannot export form/event mappings for classic projects',
  noRepeating:
    'You cannot export repeating instruments and events because the project does not contain any repeating instruments and events',
  production: 'This method cannot be used while the project is in Production status.',
  overrideInProduction:
    "This 'override' parameter cannot be used while the project is in Production status.",
  analysisImport: 'Data may not be imported because the project is in Analysis/Cleanup status.',
  /** api_124: metadata, arm, event and formEventMapping changes. */
  api124:
    "Insufficient user privileges: You must have 'API Import/Update' privileges and 'Project Design and Setup' privileges in the project in order to utilize this API method.",
  /** api_228: project_settings and repeatingFormsEvents import. */
  api228:
    "Insufficient user privileges: You must have 'API Import/Update' privileges and 'Project Setup/Design' privileges in the project.",
  /** api_229: user and userRole export. */
  api229:
    "Insufficient user privileges: You must have 'API Export' privileges and 'User Rights' privileges (Full Access or Read Only) in the project.",
  /** api_103: user import and delete. */
  api103:
    "Insufficient user privileges: You must have 'API Import/Update' privileges and 'User Rights' privileges in the project in order to import/update users via the API Import Users method.",
  exportDesign:
    "Insufficient user privileges: You must have 'API Export' privileges and 'Project Setup/Design' privileges in the project.",
  dagExport:
    "Insufficient user privileges: You must have 'API Export' privileges and 'Data Access Groups' privileges in the project.",
  dagImport:
    "Insufficient user privileges: You must have 'API Import/Update' privileges and 'Data Access Groups' privileges in the project.",
  deleteRights:
    "Insufficient user privileges: You must have 'API Import/Update' privileges and 'Delete Records' privileges in the project in order to utilize this API method.",
  fileRepositoryRights:
    'The API request cannot complete because currently you do not have "File Repository" rights, which are required for this operation.',
  loggingRights:
    'The API request cannot complete because currently you do not have "Logging" privileges, which are required for this operation.',
  /** file (protocol notes §2.4; RR test-file-oneshot, test-survey-link-export-oneshot). */
  notFileField: (field: string) => `The field '${field}' does not exist or is not a 'file' field`,
  noRecord: (record: string) => `The record "${record}" does not exist`,
  noRecordForUpload: (record: string) =>
    `The record '${record}' does not exist. It must exist to upload a file`,
  invalidEvent: 'invalid event',
  noFileToDownload: 'There is no file to download for this record',
  noFileToDelete: 'There is no file to delete for this record',
  noValidFile: 'No valid file was uploaded',
  analysisUpload: 'The file cannot be uploaded because the project is in Analysis/Cleanup status.',
  noFolder: (id: string) =>
    `The File Repository folder folder_id=${id} does not exist or else you do not have permission to that folder because it is DAG-restricted or Role-restricted.`,
  /** Not documented; worded after the folder message (a deviation). */
  noDoc: (id: string) =>
    `The File Repository file doc_id=${id} does not exist or else you do not have permission to that file because it is DAG-restricted or Role-restricted.`,
  noReport: (id: string) =>
    `The API request cannot complete because report_id=${id} does not belong to this project.`,
  /** Inferred: worded after the File Repository and Logging refusals. */
  surveyRights:
    'The API request cannot complete because currently you do not have "Survey Distribution Tools" rights, which are required for this operation.',
  /** Not documented (standin's wording). */
  notSurvey: (form: string) => `The instrument '${form}' is not enabled as a survey.`,
  surveysDisabled: 'Surveys are not enabled in this project.',
  notInDagSwitcher: (dag: string) =>
    `You cannot switch to the Data Access Group '${dag}' because you have not been assigned to it in the DAG Switcher.`,
  badAttribute: (attribute: string, value: string) =>
    `The value '${value}' is not valid for the attribute '${attribute}'.`,
  missingName: (param: string) => `The parameter '${param}' is missing or empty.`,
} as const

/** A 400 with REDCap's message. */
export function badRequest(message: string, detail?: string): StandinError {
  return new StandinError('invalid_request', message, {
    status: 400,
    wireMessage: message,
    ...(detail === undefined ? {} : { detail }),
  })
}

/** A 403 with REDCap's message. */
export function forbidden(message: string, detail?: string): StandinError {
  return new StandinError('forbidden', message, {
    status: 403,
    wireMessage: message,
    ...(detail === undefined ? {} : { detail }),
  })
}

/** 400 `The following values in the parameter "x" are not valid: ...` for the values `known` refuses. */
export function rejectUnknown(
  param: string,
  values: readonly string[],
  known: (value: string) => boolean,
): void {
  const bad = values.filter((v) => !known(v))
  if (bad.length > 0) throw badRequest(MSG.invalidValues(param, bad))
}
