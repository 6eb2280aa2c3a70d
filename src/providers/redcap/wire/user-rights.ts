/**
 * User rights as the user and userRole contents send and read them: REDCap's attribute names in
 * its export order (PyCap's `export_users` / `export_user_roles` doctests, run against a live
 * server), 0/1 flags (0/1/2 for user_rights and lock_records), and the per-form `forms` /
 * `forms_export` maps (`{"form_1": 1}` in JSON, `form_1:1,form_2:1` in CSV, as REDCapR reads it).
 * standin keeps one Data Export level per user, so every form shares it; form access is View & Edit.
 */
import { badRequest, MSG } from './messages.js'
import type { Project, Rights } from '../state/model.js'
import type { DataRow } from './data.js'
import type { Format } from './format.js'
import { phpJson } from './json.js'
import { tableReply, textReply, type Cell, type Reply } from './reply.js'

type NumericKey = {
  [K in keyof Rights]: Rights[K] extends boolean | 0 | 1 | 2 ? K : never
}[keyof Rights]

const ATTRIBUTES: Readonly<Record<string, NumericKey>> = {
  design: 'design',
  alerts: 'alerts',
  user_rights: 'userRights',
  data_access_groups: 'dataAccessGroups',
  reports: 'reports',
  stats_and_charts: 'statsAndCharts',
  manage_survey_participants: 'manageSurveyParticipants',
  calendar: 'calendar',
  data_import_tool: 'dataImportTool',
  data_comparison_tool: 'dataComparisonTool',
  logging: 'logging',
  email_logging: 'emailLogging',
  file_repository: 'fileRepository',
  data_quality_create: 'dataQualityCreate',
  data_quality_execute: 'dataQualityExecute',
  api_export: 'apiExport',
  api_import: 'apiImport',
  api_modules: 'apiModules',
  mobile_app: 'mobileApp',
  mobile_app_download_data: 'mobileAppDownloadData',
  record_create: 'recordCreate',
  record_rename: 'recordRename',
  record_delete: 'recordDelete',
  lock_records_all_forms: 'lockRecordsAllForms',
  lock_records: 'lockRecords',
  lock_records_customization: 'lockRecordsCustomization',
}

const SHARED = Object.keys(ATTRIBUTES).slice(0, -3)
/** Users end with lock_records_all_forms, lock_records, lock_records_customization. */
export const USER_RIGHT_NAMES = Object.keys(ATTRIBUTES)
/** Roles list the three lock rights the other way round. */
export const ROLE_RIGHT_NAMES = [
  ...SHARED,
  'lock_records_customization',
  'lock_records',
  'lock_records_all_forms',
]

/** forms_export / data_export levels: No Access, Full, De-identified, Remove identifiers. */
const EXPORT_LEVELS: readonly Rights['dataExport'][] = [
  'none',
  'full',
  'deidentified',
  'remove_identifiers',
]

export function rightsToWire(rights: Rights): Record<string, number> {
  const out: Record<string, number> = {}
  for (const [wire, key] of Object.entries(ATTRIBUTES)) out[wire] = Number(rights[key])
  return out
}

/** `forms` and `forms_export`: every form, with View & Edit and the user's export level. */
export function formRights(project: Project, rights: Rights) {
  const forms: Record<string, number> = {}
  const formsExport: Record<string, number> = {}
  for (const form of project.forms) {
    forms[form.name] = 1
    formsExport[form.name] = EXPORT_LEVELS.indexOf(rights.dataExport)
  }
  return { forms, forms_export: formsExport }
}

/** `{"a":1,"b":2}` → `a:1,b:2`, the CSV and XML form. */
export function formsText(map: Readonly<Record<string, number>>): string {
  return Object.entries(map)
    .map(([form, level]) => `${form}:${String(level)}`)
    .join(',')
}

function invalid(attribute: string, value: string): never {
  throw badRequest(MSG.badAttribute(attribute, value))
}

/** The first level in a `forms_export` value, JSON (`{"f":2}`) or CSV (`f:2,g:2`). */
function exportLevelOf(text: string): number {
  if (!/^\s*\{/.test(text)) return Number(/:(\d+)/.exec(text)?.[1])
  try {
    return Number(Object.values(JSON.parse(text) as Record<string, unknown>)[0])
  } catch {
    return Number.NaN
  }
}

/** Rights with the attributes a user or role import row gives changed; others kept. */
export function rightsFromWire(base: Rights, row: DataRow): Rights {
  const next: Record<string, unknown> = { ...base }
  for (const [wire, key] of Object.entries(ATTRIBUTES)) {
    const value = (row[wire] ?? '').trim()
    if (value === '') continue
    const max = key === 'userRights' || key === 'lockRecords' ? 2 : 1
    if (!/^\d$/.test(value) || Number(value) > max) invalid(wire, value)
    next[key] = typeof base[key] === 'boolean' ? value === '1' : Number(value)
  }
  const expiration = row.expiration?.trim()
  if (expiration !== undefined) {
    if (expiration !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(expiration))
      invalid('expiration', expiration)
    next.expiration = expiration === '' ? null : expiration
  }
  for (const [wire, read] of [
    ['data_export', Number],
    ['forms_export', exportLevelOf],
  ] as const) {
    const value = (row[wire] ?? '').trim()
    if (value === '') continue
    const level = EXPORT_LEVELS[read(value)]
    if (level === undefined) invalid(wire, value)
    next.dataExport = level
  }
  return next as Rights
}

/** Rows with `forms` maps: JSON keeps the objects; CSV and XML write them as `form:level,...`. */
export function rightsTable(
  format: Format,
  rows: readonly Readonly<Record<string, Cell | Record<string, number>>>[],
  columns: readonly string[],
): Reply {
  if (format === 'json') return textReply('json', phpJson(rows))
  const flat = rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([k, v]) => [k, typeof v === 'object' ? formsText(v) : v]),
    ),
  )
  return tableReply(format, flat, { columns })
}
