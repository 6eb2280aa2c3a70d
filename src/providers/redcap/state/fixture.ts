/**
 * A REDCap project fixture: `fixtures/redcap/<name>/` holds `project.json` (settings, arms, events,
 * form-event mapping, repeating setup, DAGs, roles, surveys, randomization models), `metadata.csv` (the data dictionary
 * as REDCap exports it), `records.csv` (a flat raw record export) and `files/` (uploaded files,
 * named by the file fields' values in records.csv).
 */
import { z } from 'zod'
import type { FixtureStore } from '../../../core/fixtures.js'
import { ExtrasFixtureSchema } from './fixture-extras.js'
import { RandomizationFixtureSchema } from './randomization.js'
import { RightsSchema } from './seed.js'
import { PARSE_ONCE } from '../../../core/parse-once.js'
import { aheadPair, parsedAheadTable, type ParsedAhead } from '../../../core/parsed-ahead.js'

// Built on first use (`z.lazy`): the bin carries its shipped fixture projects checked
// (`readProjectFixture`, src/core/parsed-ahead.ts), so a start needs no schema for them.
const EventFixtureSchema = z.lazy(() =>
  z
    .object({
      name: z.string().min(1),
      arm: z.number().int().positive().default(1),
      uniqueName: z.string().optional(),
      customLabel: z.string().default(''),
      dayOffset: z.number().default(0),
      offsetMin: z.number().default(0),
      offsetMax: z.number().default(0),
    })
    .strict(),
)

const SettingsFixtureSchema = z.lazy(() =>
  z
    .object({
      title: z.string().min(1),
      purpose: z.number().int().min(0).max(4).default(0),
      purposeOther: z.string().default(''),
      notes: z.string().default(''),
      language: z.string().default('English'),
      isLongitudinal: z.boolean().default(false),
      surveysEnabled: z.boolean().default(false),
      schedulingEnabled: z.boolean().default(false),
      autoNumbering: z.boolean().default(true),
      randomizationEnabled: z.boolean().default(false),
      ddpEnabled: z.boolean().default(false),
      irbNumber: z.string().default(''),
      grantNumber: z.string().default(''),
      piFirstname: z.string().default(''),
      piLastname: z.string().default(''),
      displayTodayNowButton: z.boolean().default(true),
      missingDataCodes: z.string().default(''),
      customRecordLabel: z.string().default(''),
      secondaryUniqueField: z.string().default(''),
      bypassBranchingErasePrompt: z.boolean().default(false),
    })
    .strict(),
)

export const ProjectFixtureSchema = z.lazy(() =>
  z
    .object({
      settings: SettingsFixtureSchema,
      status: z.enum(['development', 'production', 'analysis']).default('development'),
      creationTime: z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
      productionTime: z.string().default(''),
      forms: z.array(z.object({ name: z.string(), label: z.string() }).strict()).default([]),
      arms: z
        .array(z.object({ num: z.number().int().positive(), name: z.string() }).strict())
        .default([]),
      events: z.array(EventFixtureSchema).default([]),
      /** unique event name → form names. */
      mapping: z.record(z.string(), z.array(z.string())).default({}),
      repeating: z
        .array(
          z
            .object({
              event: z.string().default(''),
              form: z.string().default(''),
              customLabel: z.string().default(''),
            })
            .strict(),
        )
        .default([]),
      dags: z.array(z.object({ name: z.string(), uniqueName: z.string() }).strict()).default([]),
      roles: z
        .array(
          z
            .object({
              uniqueName: z.string(),
              label: z.string(),
              rights: RightsSchema.default(RightsSchema.parse({}, PARSE_ONCE)),
            })
            .strict(),
        )
        .default([]),
      surveys: z.array(z.object({ form: z.string(), title: z.string() }).strict()).default([]),
      randomization: RandomizationFixtureSchema,
      /** record name → creation time (`YYYY-MM-DD HH:MM:SS`) for dateRangeBegin/End. */
      recordTimes: z.record(z.string(), z.string()).default({}),
      surveyResponses: z
        .array(
          z
            .object({
              record: z.string(),
              event: z.string().default(''),
              form: z.string(),
              instance: z.number().int().positive().nullable().default(null),
              identifier: z.string().default(''),
              timestamp: z.string(),
            })
            .strict(),
        )
        .default([]),
    })
    .extend(ExtrasFixtureSchema.unwrap().shape)
    .strict(),
)

export type ProjectFixture = z.output<typeof ProjectFixtureSchema>

export interface ProjectFiles {
  readonly fixture: ProjectFixture
  readonly metadataCsv: string
  readonly recordsCsv: string
  readonly files: ReadonlyMap<string, Uint8Array>
  /** File Repository documents, from `repository/`. */
  readonly repositoryFiles: ReadonlyMap<string, Uint8Array>
}

/** The shipped fixtures' `project.json`, checked when the bin is built (src/core/parsed-ahead.ts). */
export const PARSED_AHEAD_KIND = 'redcap-projects'

export function readProjectFixture(store: FixtureStore, name: string): ProjectFiles {
  const dir = `redcap/${name}`
  const path = `${dir}/project.json`
  if (!store.exists(path))
    throw new Error(`Failed to load REDCap fixture "${name}": ${path} does not exist.`)
  const json = store.readText(path)
  const ahead = parsedAheadTable(PARSED_AHEAD_KIND).get(json)
  const parsed =
    ahead === undefined
      ? ProjectFixtureSchema.safeParse(JSON.parse(json), PARSE_ONCE)
      : { success: true as const, data: JSON.parse(ahead) as ProjectFixture }
  if (!parsed.success)
    throw new Error(`Failed to load REDCap fixture "${name}": ${parsed.error.message}`)
  const folder = (sub: string) => {
    const out = new Map<string, Uint8Array>()
    for (const file of store.list(`${dir}/${sub}`))
      out.set(file, store.readBytes(`${dir}/${sub}/${file}`))
    return out
  }
  const text = (file: string) =>
    store.exists(`${dir}/${file}`) ? store.readText(`${dir}/${file}`) : ''
  return {
    fixture: parsed.data,
    metadataCsv: text('metadata.csv'),
    recordsCsv: text('records.csv'),
    files: folder('files'),
    repositoryFiles: folder('repository'),
  }
}

/** The table of PARSED_AHEAD_KIND: each text that is a valid `project.json`, with its fixture. */
export function parseProjectFixturesAhead(texts: readonly string[]): ParsedAhead {
  return texts.flatMap((text) => {
    let data: unknown
    try {
      data = JSON.parse(text)
    } catch {
      return []
    }
    const parsed = ProjectFixtureSchema.safeParse(data, PARSE_ONCE)
    return parsed.success ? aheadPair(text, parsed.data) : []
  })
}
