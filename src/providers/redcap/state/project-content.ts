/**
 * A project carried inline in a scenario (`projects[].content`), as a snapshot writes one that no
 * longer equals its fixture: everything `Project` holds but its users, with the ids REDCap gave
 * (events, DAGs, roles, files, folders), so a fresh standin answers with the same ids. Values keyed
 * by a field name are `[name, value]` pairs, so a field called `token` or `password` is never
 * mistaken for a secret. File bytes are base64. docs/snapshot.md describes the format.
 */
import { z } from 'zod'
import { PARSE_ONCE } from '../../../core/parse-once.js'
import { FieldSchema, ID, PAIRS, RandomizationSchema, RecordSchema, TEXT } from './content-parts.js'
import { LOG_TYPES } from './fixture-extras.js'
import { RightsSchema } from './rights-seed.js'

/** A strict object: a hand-edited section with a misspelt member is refused, not half-read. */
const obj = <T extends z.ZodRawShape>(shape: T) => z.object(shape).strict()

// Schemas here are built on first use (`z.lazy`): a start checks no scenario with them, as the
// bin carries its shipped scenarios checked (src/scenarios/parsed-ahead.ts).
export const ProjectContentSchema = z.lazy(() =>
  obj({
    settings: obj({
      title: z.string().min(1),
      purpose: z.number().int().min(0).max(4),
      purposeOther: TEXT,
      notes: TEXT,
      language: z.string(),
      isLongitudinal: z.boolean(),
      surveysEnabled: z.boolean(),
      schedulingEnabled: z.boolean(),
      autoNumbering: z.boolean(),
      randomizationEnabled: z.boolean(),
      ddpEnabled: z.boolean(),
      irbNumber: TEXT,
      grantNumber: TEXT,
      piFirstname: TEXT,
      piLastname: TEXT,
      displayTodayNowButton: z.boolean(),
      missingDataCodes: TEXT,
      customRecordLabel: TEXT,
      secondaryUniqueField: TEXT,
      bypassBranchingErasePrompt: z.boolean(),
    }),
    creationTime: z.string(),
    productionTime: TEXT,
    fields: z.array(FieldSchema).default([]),
    forms: z.array(obj({ name: z.string(), label: z.string() })).default([]),
    arms: z.array(obj({ num: z.number().int().positive(), name: z.string() })).default([]),
    events: z
      .array(
        obj({
          id: ID,
          armNum: z.number().int().positive(),
          name: z.string(),
          uniqueName: z.string(),
          customLabel: TEXT,
          dayOffset: z.number(),
          offsetMin: z.number(),
          offsetMax: z.number(),
        }),
      )
      .default([]),
    /** Event id → the forms designated for it. */
    mapping: z.array(obj({ eventId: ID, forms: z.array(z.string()) })).default([]),
    repeating: z.array(obj({ eventId: ID, form: TEXT, customLabel: TEXT })).default([]),
    dags: z.array(obj({ id: ID, name: z.string(), uniqueName: z.string() })).default([]),
    roles: z
      .array(
        obj({
          id: ID,
          uniqueName: z.string(),
          label: z.string(),
          rights: RightsSchema.default(RightsSchema.parse({}, PARSE_ONCE)),
        }),
      )
      .default([]),
    surveys: z.array(obj({ form: z.string(), title: z.string() })).default([]),
    /** Uploaded files and File Repository documents, bytes as base64. */
    docs: z
      .array(obj({ id: ID, name: z.string(), mimeType: z.string(), base64: z.base64() }))
      .default([]),
    records: z.array(RecordSchema).default([]),
    reports: z
      .array(
        obj({
          id: ID,
          title: z.string(),
          fields: z.array(z.string()),
          events: z.array(z.string()),
          filterLogic: TEXT,
        }),
      )
      .default([]),
    repository: obj({
      folders: z.array(
        obj({
          id: ID,
          name: z.string(),
          parentId: ID.nullable(),
          dagId: ID.nullable(),
          roleId: ID.nullable(),
        }),
      ),
      files: z.array(obj({ docId: ID, folderId: ID.nullable() })),
    }).default({ folders: [], files: [] }),
    /** The Logging page, oldest first. */
    log: z
      .array(
        obj({
          timestamp: z.string(),
          username: z.string(),
          action: z.string(),
          details: TEXT,
          record: TEXT,
          type: z.enum(LOG_TYPES),
          dagId: ID.nullable().default(null),
        }),
      )
      .default([]),
    participants: z
      .array(
        obj({
          form: z.string(),
          eventId: ID,
          record: TEXT,
          instance: z.number().int().positive(),
          email: TEXT,
          identifier: TEXT,
          hash: TEXT,
          accessCode: TEXT,
          returnCode: TEXT,
        }),
      )
      .default([]),
    /** Record → the hash of its survey queue link. */
    queueHashes: PAIRS,
    /** Username → the DAG ids (null: no DAG) the DAG Switcher offers. */
    dagSwitcher: z.array(z.tuple([z.string(), z.array(ID.nullable())])).default([]),
    randomizations: z.array(RandomizationSchema).default([]),
  }),
)

export type ProjectContent = z.output<typeof ProjectContentSchema>
