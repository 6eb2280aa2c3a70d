/**
 * `providers.epicollect` in a scenario: which fixture projects to serve, ready-made client apps, and
 * the limits that differ between the server's code and its documentation.
 */
import { z } from 'zod'

/** Project App names: 3 to 50 letters, digits, `_` or spaces (ProjectAppsController, ec5_205). */
export const APP_NAME = /^[A-Za-z0-9_ ]{3,50}$/

// Schemas here are built on first use (`z.lazy`): a start checks no scenario with them, as the
// bin carries its shipped scenarios checked (src/scenarios/parsed-ahead.ts).
export const ClientAppSeedSchema = z.lazy(() =>
  z
    .object({
      project: z.string().min(1).describe('Slug of the project the app belongs to.'),
      name: z
        .string()
        .regex(APP_NAME, 'use 3 to 50 letters, digits, _ or spaces')
        .default('Standin App')
        .describe('The name shown on the Apps page.'),
      clientId: z
        .number()
        .int()
        .positive()
        .optional()
        .describe('The integer client id; defaults to the next free one.'),
      clientSecret: z
        .string()
        .regex(/^[A-Za-z0-9]{40}$/, 'use exactly 40 letters and digits')
        .optional()
        .describe('The 40-character secret; generated from the scenario seed when absent.'),
      createdAt: z.iso
        .datetime({ offset: true })
        .optional()
        .describe('When the app was created; default: the virtual time of the load.'),
    })
    .strict(),
)

/**
 * Requests allowed per window. Defaults are the server code's (config/epicollect/limits.php); the
 * documentation currently promises lower ones (entries 5/min, project 5/min, media 10/min).
 */
export const RateLimitsSchema = z.lazy(() =>
  z
    .object({
      tokenPerHour: z
        .number()
        .int()
        .positive()
        .default(10)
        .describe('POST /api/oauth/token per IP.'),
      entriesPerMinute: z
        .number()
        .int()
        .positive()
        .default(60)
        .describe('Entries export per project.'),
      entriesGoogleAppsScriptPerMinute: z
        .number()
        .int()
        .positive()
        .default(10)
        .describe('Extra entries limit for Google Apps Script user agents, per project.'),
      projectPerMinute: z
        .number()
        .int()
        .positive()
        .default(60)
        .describe('Project export per project.'),
      mediaPerMinute: z.number().int().positive().default(30).describe('Media export per project.'),
      globalPerMinute: z
        .number()
        .int()
        .positive()
        .default(600)
        .describe('Project search, project version and /api/media, per IP.'),
      appMediaPerSecond: z.number().int().positive().default(5).describe('/api/media per project.'),
      appMediaPerMinute: z
        .number()
        .int()
        .positive()
        .default(300)
        .describe('/api/media per project.'),
    })
    .strict(),
)

export const EpicollectSeedSchema = z.lazy(() =>
  z
    .object({
      projects: z
        .array(z.string().min(1))
        .optional()
        .describe(
          'Project folders under fixtures/epicollect/projects to serve; default: all of them.',
        ),
      apps: z
        .array(ClientAppSeedSchema)
        .default([])
        .describe('Client apps that exist when the scenario loads (one per project).'),
      nextClientId: z
        .number()
        .int()
        .positive()
        .optional()
        .describe('The client id the next app gets: ids of deleted apps are not reused.'),
      rateLimits: z
        .union([z.literal(false), RateLimitsSchema])
        .prefault({})
        .describe('false switches the Epicollect5 limits off; otherwise requests per window.'),
      perPageMax: z
        .number()
        .int()
        .positive()
        .default(1000)
        .describe('Largest per_page before ec5_335 (the code says 1000, the docs say 500).'),
      tokenLifetimeSeconds: z
        .number()
        .int()
        .positive()
        .default(7200)
        .describe('Access-token lifetime (Passport tokensExpireIn, 2 hours).'),
      signingKey: z
        .object({ privateKey: z.string().min(1), publicKey: z.string().min(1) })
        .strict()
        .optional()
        .describe(
          'PEM files under fixtures/ that sign the RS256 tokens (oauth-private.key, oauth-public.key).',
        ),
    })
    .strict(),
)

export type EpicollectSeed = z.output<typeof EpicollectSeedSchema>
export type RateLimits = z.output<typeof RateLimitsSchema>
