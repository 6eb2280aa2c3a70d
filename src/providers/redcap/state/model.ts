/**
 * The REDCap domain: projects with their data dictionary, arms, events, form-event mapping,
 * repeating setup, DAGs, roles, surveys, stored files and records; users and their rights.
 * Wire names (snake_case) stay in the content modules; everything here is camelCase.
 */
import type { Rights } from './rights-seed.js'

export type { Rights } from './rights-seed.js'

/** One data dictionary row (REDCap's 18 metadata columns). */
export interface Field {
  name: string
  form: string
  sectionHeader: string
  type: string
  label: string
  choices: string
  note: string
  validation: string
  validationMin: string
  validationMax: string
  identifier: string
  branchingLogic: string
  required: string
  customAlignment: string
  questionNumber: string
  matrixGroup: string
  matrixRanking: string
  annotation: string
}

export interface Form {
  name: string
  label: string
}

export interface Arm {
  num: number
  name: string
}

export interface Event {
  id: number
  armNum: number
  name: string
  uniqueName: string
  customLabel: string
  dayOffset: number
  offsetMin: number
  offsetMax: number
}

/** A repeating instrument (`form` set) or a whole repeating event (`form` = ''). */
export interface Repeating {
  eventId: number
  form: string
  customLabel: string
}

export interface Dag {
  id: number
  name: string
  uniqueName: string
}

export interface Role {
  id: number
  uniqueName: string
  label: string
  rights: Rights
}

export interface Survey {
  form: string
  title: string
}

/** A stored file (upload field value or file repository document). */
export interface Doc {
  id: number
  name: string
  mimeType: string
  bytes: Uint8Array
}

/** When and how a survey response was submitted on one row and form. */
export interface SurveyResponse {
  identifier: string
  timestamp: string
}

/** One record-event-instance row: values by field name; checkboxes as sets of raw codes. */
export interface RecordRow {
  eventId: number
  /** The repeating form's name, or '' on a non-repeating row or a repeating event. */
  repeatInstrument: string
  /** null on a non-repeating row. */
  instance: number | null
  values: Map<string, string>
  checked: Map<string, Set<string>>
  surveys: Map<string, SurveyResponse>
}

export interface RecordEntry {
  id: string
  dagId: number | null
  /** `YYYY-MM-DD HH:MM:SS`, for dateRangeBegin/End. */
  createdAt: string
  modifiedAt: string
  rows: RecordRow[]
}

export type ProjectStatus = 'development' | 'production' | 'analysis'

export interface ProjectSettings {
  title: string
  purpose: number
  purposeOther: string
  notes: string
  language: string
  isLongitudinal: boolean
  surveysEnabled: boolean
  schedulingEnabled: boolean
  autoNumbering: boolean
  randomizationEnabled: boolean
  ddpEnabled: boolean
  irbNumber: string
  grantNumber: string
  piFirstname: string
  piLastname: string
  displayTodayNowButton: boolean
  missingDataCodes: string
  customRecordLabel: string
  secondaryUniqueField: string
  bypassBranchingErasePrompt: boolean
}

/** A report defined on the project (Data Exports, Reports and Stats), exported by `report_id`. */
export interface Report {
  id: number
  title: string
  /** Fields in report order (the record-ID field first, as REDCap adds it). */
  fields: string[]
  /** Unique event names the report is limited to (longitudinal), or all. */
  events: string[]
  filterLogic: string
}

/** A File Repository folder; DAG- or role-restricted folders are hidden from other users. */
export interface RepositoryFolder {
  id: number
  name: string
  parentId: number | null
  dagId: number | null
  roleId: number | null
}

/** A File Repository document: its bytes live in `Project.docs`. */
export interface RepositoryFile {
  docId: number
  folderId: number | null
}

/** REDCap's `logtype` filter values, one per kind of logged event. */
export type LogType =
  | 'export'
  | 'manage'
  | 'user'
  | 'record_add'
  | 'record_edit'
  | 'record_delete'
  | 'lock_record'
  | 'page_view'

/** One row of the project's Logging page. */
export interface LogEntry {
  /** `YYYY-MM-DD HH:MM:SS` (virtual clock); exported to the minute. */
  timestamp: string
  username: string
  action: string
  details: string
  record: string
  type: LogType
  /** The DAG of the record the entry is about, for the `dag` filter. */
  dagId: number | null
}

/**
 * A survey participant: one per survey, event, record and instance once a link or code was asked
 * for (or a response came in), plus participants added by e-mail who have no record yet.
 */
export interface SurveyParticipant {
  form: string
  eventId: number
  record: string
  instance: number
  email: string
  identifier: string
  /** The `?s=` hash of the survey link. */
  hash: string
  accessCode: string
  returnCode: string
}

export interface ProjectUser {
  username: string
  rights: Rights
  roleId: number | null
  dagId: number | null
  /** The approved API token (uppercase), or null. */
  token: string | null
  credentialId: string | null
}

export interface Project {
  id: number
  settings: ProjectSettings
  status: ProjectStatus
  deleted: boolean
  completed: boolean
  online: boolean
  creationTime: string
  productionTime: string
  fields: Field[]
  forms: Form[]
  arms: Arm[]
  events: Event[]
  /** Form names designated for each event id. */
  mapping: Map<number, string[]>
  repeating: Repeating[]
  dags: Dag[]
  roles: Role[]
  surveys: Survey[]
  docs: Map<number, Doc>
  records: Map<string, RecordEntry>
  users: Map<string, ProjectUser>
  reports: Report[]
  repository: { folders: RepositoryFolder[]; files: RepositoryFile[] }
  /** Newest last. */
  log: LogEntry[]
  participants: SurveyParticipant[]
  /** record → the `?sq=` hash of its survey queue link. */
  queueHashes: Map<string, string>
  /** username → the DAGs the DAG Switcher lets the user move between (null: no DAG). */
  dagSwitcher: Map<string, (number | null)[]>
  /** Randomization models with their allocation tables. */
  randomizations: Randomization[]
}

export interface User {
  username: string
  firstname: string
  lastname: string
  email: string
  admin: boolean
  suspended: boolean
  serviceAccountOf: string | null
  autoApproveTokens: boolean
  superToken: string | null
  superCredentialId: string | null
}

export type TokenRequestStatus = 'pending' | 'approved' | 'rejected'

export interface TokenRequest {
  id: string
  projectId: number
  username: string
  status: TokenRequestStatus
  requestedAt: string
  decidedAt: string | null
}

export interface SystemSettings {
  version: string
  tokenRequestType: 'admin_approve' | 'auto_approve_all' | 'auto_approve_selected'
  apiEnabled: boolean
  systemOffline: boolean
  offlineMessage: string
}

export interface RedcapState {
  system: SystemSettings
  users: Map<string, User>
  projects: Map<number, Project>
  tokenRequests: Map<string, TokenRequest>
  /** Next ids handed out for events, DAGs, roles, docs (REDCap ids are global). */
  sequence: IdSequence
  /** How each project built from a fixture looked then, for snapshots (see origins.ts). */
  origins: Map<number, ProjectOrigin>
}

export interface IdSequence {
  event: number
  dag: number
  role: number
  doc: number
  project: number
  folder: number
}

export interface ProjectOrigin {
  readonly fixture: string
  /** The hash of the project's inline content (origins.ts) right after the load. */
  readonly hash: string
  /** Log lines then: nearly every change logs one, which spares hashing a changed project. */
  readonly logLength: number
  /** The ids before and after the fixture was built. */
  readonly from: IdSequence
  readonly to: IdSequence
}

/** A randomization model's allocation table row (see randomization.ts). */
export interface Allocation {
  readonly target: string
  readonly alt: string
  readonly strata: Readonly<Record<string, string>>
  readonly dagId: number | null
  /** The record it went to, once used. */
  record: string | null
}

export interface Randomization {
  readonly id: number
  readonly targetField: string
  readonly targetEventId: number
  readonly strata: readonly { readonly field: string; readonly eventId: number }[]
  readonly byDag: boolean
  readonly blinded: boolean
  readonly allocations: Allocation[]
}
