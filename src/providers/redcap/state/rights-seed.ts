/**
 * One user's rights on one project, as a scenario writes them (a seeded project user, a role in a
 * fixture or inline project). Kept apart from seed.ts so the inline project schema can use it.
 */
import { z } from 'zod'

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
