/**
 * The `providers.redcap` section of a scenario: system settings, users (people and service
 * accounts, with fixed super tokens if wanted), and projects built from fixtures with each user's
 * rights, token or pending token request.
 * Token approval follows REDCap's system setting `api_token_request_type` (install default
 * `admin_approve`), as on the project's API page and Control Center > API Tokens.
 */
import { z } from 'zod'
import { PARSE_ONCE } from '../../../core/parse-once.js'

const HEX32 = /^[0-9A-Fa-f]{32}$/
const HEX64 = /^[0-9A-Fa-f]{64}$/

/**
 * One user's rights on one project, as REDCap's User Rights page holds them. The API rights are on
 * by default so a seeded token is usable; set them false to see the 403s.
 */
export const RightsSchema = z
  .object({
    apiExport: z.boolean().default(true),
    apiImport: z.boolean().default(true),
    apiModules: z.boolean().default(false),
    design: z.boolean().default(true),
    userRights: z.union([z.literal(0), z.literal(1), z.literal(2)]).default(1),
    dataAccessGroups: z.boolean().default(true),
    dataExport: z
      .enum(['none', 'full', 'deidentified', 'remove_identifiers'])
      .default('full')
      .describe('Data Export level: "none" refuses record export, the others limit identifiers.'),
    reports: z.boolean().default(true),
    statsAndCharts: z.boolean().default(true),
    manageSurveyParticipants: z.boolean().default(true),
    calendar: z.boolean().default(true),
    dataImportTool: z.boolean().default(true),
    dataComparisonTool: z.boolean().default(true),
    logging: z.boolean().default(true),
    emailLogging: z.boolean().default(false),
    fileRepository: z.boolean().default(true),
    dataQualityCreate: z.boolean().default(true),
    dataQualityExecute: z.boolean().default(true),
    mobileApp: z.boolean().default(false),
    mobileAppDownloadData: z.boolean().default(false),
    recordCreate: z.boolean().default(true),
    recordRename: z.boolean().default(true),
    recordDelete: z.boolean().default(true),
    randomize: z.boolean().default(false),
    lockRecords: z.union([z.literal(0), z.literal(1), z.literal(2)]).default(0),
    lockRecordsAllForms: z.boolean().default(false),
    lockRecordsCustomization: z.boolean().default(false),
    alerts: z.boolean().default(false),
    expiration: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .nullable()
      .default(null)
      .describe('YYYY-MM-DD: on or after this day the API answers 403 "privileges have expired".'),
  })
  .strict()

export type Rights = z.output<typeof RightsSchema>

const ProjectUserSeedSchema = z
  .object({
    username: z.string().min(1),
    rights: RightsSchema.default(RightsSchema.parse({}, PARSE_ONCE)),
    role: z.string().optional().describe('Unique role name from the fixture; its rights win.'),
    dag: z.string().optional().describe('Unique DAG name the user is assigned to.'),
    dagSwitcher: z
      .array(z.string())
      .optional()
      .describe(
        'DAG Switcher: the unique DAG names the user may switch between ("" = no DAG), for dag switch.',
      ),
    token: z
      .string()
      .regex(HEX32, 'a REDCap API token is 32 hex characters')
      .optional()
      .describe('An approved API token with this fixed value (listed in the README).'),
    approvedToken: z
      .boolean()
      .optional()
      .describe('An approved API token with a seeded random value.'),
    tokenRequest: z
      .literal('pending')
      .optional()
      .describe('A token request waiting for an administrator (no token yet).'),
  })
  .strict()

export const ProjectSeedSchema = z
  .object({
    id: z.number().int().positive().optional(),
    fixture: z.string().min(1).describe('A folder under fixtures/redcap/ (e.g. "classic").'),
    title: z.string().min(1).optional(),
    status: z.enum(['development', 'production', 'analysis']).optional(),
    deleted: z.boolean().default(false),
    completed: z.boolean().default(false),
    online: z.boolean().default(true),
    users: z.array(ProjectUserSeedSchema).default([]),
  })
  .strict()

const UserSeedSchema = z
  .object({
    username: z.string().min(1),
    firstname: z.string().default(''),
    lastname: z.string().default(''),
    email: z.string().default(''),
    admin: z.boolean().default(false),
    suspended: z.boolean().default(false),
    serviceAccountOf: z
      .string()
      .optional()
      .describe('Makes this a service account owned by that user (for external applications).'),
    autoApproveTokens: z
      .boolean()
      .default(false)
      .describe('Per-user auto-approval, used when tokenRequestType is auto_approve_selected.'),
    superToken: z.string().regex(HEX64, 'a REDCap super token is 64 hex characters').optional(),
  })
  .strict()

export const RedcapSeedSchema = z
  .object({
    version: z
      .string()
      .regex(/^\d+\.\d+\.\d+$/)
      .default('15.7.6'),
    tokenRequestType: z
      .enum(['admin_approve', 'auto_approve_all', 'auto_approve_selected'])
      .default('admin_approve')
      .describe('REDCap system setting api_token_request_type.'),
    apiEnabled: z.boolean().default(true),
    systemOffline: z.boolean().default(false),
    offlineMessage: z
      .string()
      .default(
        'REDCap is currently offline. Please return at another time. We apologize for any inconvenience.',
      ),
    users: z.array(UserSeedSchema).default([]),
    projects: z.array(ProjectSeedSchema).default([]),
  })
  .strict()

export type RedcapSeed = z.output<typeof RedcapSeedSchema>
export type ProjectSeed = z.output<typeof ProjectSeedSchema>
export type UserSeed = z.output<typeof UserSeedSchema>
