/**
 * The `providers.redcap` section of a scenario: system settings, users (people and service
 * accounts, with fixed super tokens if wanted), and projects built from fixtures with each user's
 * rights, token or pending token request.
 * Token approval follows REDCap's system setting `api_token_request_type` (install default
 * `admin_approve`), as on the project's API page and Control Center > API Tokens.
 */
import { z } from 'zod'
import { PARSE_ONCE } from '../../../core/parse-once.js'
import { ProjectContentSchema } from './project-content.js'
import { RightsSchema } from './rights-seed.js'
import { SequenceSeedSchema, TokenRequestSeedSchema } from './seed-extras.js'

const HEX32 = /^[0-9A-Fa-f]{32}$/
const HEX64 = /^[0-9A-Fa-f]{64}$/

export { RightsSchema, type Rights } from './rights-seed.js'

// Schemas here are built on first use (`z.lazy`): a start checks no scenario with them, as the
// bin carries its shipped scenarios checked (src/scenarios/parsed-ahead.ts).
const ProjectUserSeedSchema = z.lazy(() =>
  z
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
    .strict(),
)

export const ProjectSeedSchema = z.lazy(() =>
  z
    .object({
      id: z.number().int().positive().optional(),
      fixture: z
        .string()
        .min(1)
        .optional()
        .describe('A folder under fixtures/redcap/ (e.g. "classic"); or give `content`.'),
      content: ProjectContentSchema.optional().describe(
        'The project inline, as a snapshot writes it (docs/snapshot.md); instead of `fixture`.',
      ),
      title: z.string().min(1).optional(),
      status: z.enum(['development', 'production', 'analysis']).optional(),
      deleted: z.boolean().default(false),
      completed: z.boolean().default(false),
      online: z.boolean().default(true),
      users: z.array(ProjectUserSeedSchema).default([]),
    })
    .strict()
    .refine((p) => (p.fixture === undefined) !== (p.content === undefined), {
      message: 'give a project either `fixture` or `content`',
    }),
)

const UserSeedSchema = z.lazy(() =>
  z
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
    .strict(),
)

export const RedcapSeedSchema = z.lazy(() =>
  z
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
      tokenRequests: z
        .array(TokenRequestSeedSchema)
        .default([])
        .describe(
          'Token requests with their status (a snapshot writes these; no token comes back).',
        ),
      sequence: SequenceSeedSchema.optional().describe(
        'The next ids REDCap hands out (a snapshot writes these so new ids do not reuse old ones).',
      ),
    })
    .strict(),
)

export type RedcapSeed = z.output<typeof RedcapSeedSchema>
export type ProjectSeed = z.output<typeof ProjectSeedSchema>
export type UserSeed = z.output<typeof UserSeedSchema>
