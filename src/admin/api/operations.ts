/**
 * Every control route, with the schemas of what it takes and answers: the route table that the
 * OpenAPI document (`openapi.ts`) is generated from and the typed client (`src/testing`) calls
 * by key. test/admin/openapi.test.ts fails on a control route missing here or from the client.
 * Keys are `METHOD /path` under `/_standin`, path parameters in braces.
 */
import { z } from 'zod'
import { SHIPPED_PROVIDER_IDS } from '../../providers/index.js'

const PROVIDER_IDS = SHIPPED_PROVIDER_IDS as [string, ...string[]]
import { requestMatcherSchema } from '../../core/request-matcher.js'
import { findPayloadSchema, requestsFilterSchema } from '../../journal/routes.js'
import { UsernameSchema } from '../../providers/redcap/admin/routes.js'
import { CreateAppSchema } from '../../providers/epicollect/admin/routes.js'
import { AddKeySchema, CreateApiKeySchema } from '../../providers/redox/state/seed.js'
import { RoutesPayloadSchema } from '../../proxy/routes-admin.js'
import { createSessionSchema } from '../schema.js'
import { driftBodySchema } from '../drift-routes.js'
import { overridePayloadSchema } from '../../core/overrides.js'
import { clockChangeSchema, scenarioBodySchema } from '../schema.js'
import * as s from './schemas.js'

export interface Operation {
  readonly summary: string
  readonly tag: string
  readonly body?: z.ZodType
  readonly query?: z.ZodObject
  readonly response: z.ZodType
  /** Default 200. */
  readonly status?: number
  /** Default `application/json`. */
  readonly contentType?: string
}

const overrideViewSchema = z.object({
  id: z.number().int(),
  provider: z.enum(PROVIDER_IDS).nullable(),
  path: z.string().nullable(),
  outcome: z.string().nullable(),
  delayMs: z.number(),
  retryAfter: z.number().nullable(),
  match: requestMatcherSchema.nullable(),
  respond: z.unknown().nullable().describe('The stub answer, as queued.'),
  times: z.number().int(),
  remaining: z.number().int(),
  sticky: z.boolean(),
  source: z.string(),
})

export const OPERATIONS = {
  'GET /health': { summary: 'Liveness and version', tag: 'server', response: s.healthSchema },
  'GET /openapi.json': {
    summary: 'This document',
    tag: 'server',
    response: s.jsonDocumentSchema,
  },
  'GET /clock': { summary: 'The virtual clock', tag: 'clock', response: s.clockSnapshotSchema },
  'POST /clock': {
    summary: 'Advance, set or freeze the virtual clock',
    tag: 'clock',
    body: clockChangeSchema(),
    response: s.clockSnapshotSchema,
  },
  'POST /reset': {
    summary: 'Back to the loaded scenario',
    tag: 'scenario',
    response: s.resetResultSchema,
  },
  'POST /scenario': {
    summary: 'Load a scenario: `{"name"}` from the library, or the scenario itself',
    tag: 'scenario',
    body: scenarioBodySchema(),
    response: s.scenarioLoadedSchema,
  },
  'GET /scenario': {
    summary: 'The loaded scenario and its scripted events, due and fired',
    tag: 'scenario',
    response: s.scenarioViewSchema,
  },
  'GET /scenarios': {
    summary: 'Names in the scenario library',
    tag: 'scenario',
    response: s.scenarioListSchema,
  },
  'GET /state': { summary: "Every provider's state", tag: 'state', response: s.stateSchema },
  'GET /snapshot': {
    summary:
      'The current world as a scenario, secrets left out (named in Standin-Snapshot-Omitted)',
    tag: 'state',
    query: z.object({ format: z.enum(['json', 'yaml']).optional() }),
    response: s.jsonDocumentSchema,
  },
  'GET /requests': {
    summary: 'The journal, newest first, filtered',
    tag: 'journal',
    query: requestsFilterSchema,
    response: s.journalSchema,
  },
  'POST /requests/count': {
    summary: 'How many journaled requests a matcher matches',
    tag: 'journal',
    body: requestMatcherSchema,
    response: s.countSchema,
  },
  'POST /requests/find': {
    summary: 'The journaled requests a matcher matches; near misses when none',
    tag: 'journal',
    body: findPayloadSchema,
    response: s.findResultSchema,
  },
  'GET /events': {
    summary: 'Server-sent events: request:end, token:issued, token:changed, clock:changed, ...',
    tag: 'journal',
    response: z.string(),
    contentType: 'text/event-stream',
  },
  'POST /drift': {
    summary: 'Compare the recordings of the real service with a fresh simulation (docs/drift.md)',
    tag: 'drift',
    body: driftBodySchema(),
    response: s.driftReportSchema,
  },
  'GET /tokens': { summary: 'Every issued credential', tag: 'tokens', response: s.tokenListSchema },
  'POST /tokens/{id}/expire': {
    summary: 'Expire a credential now',
    tag: 'tokens',
    response: s.credentialViewSchema,
  },
  'POST /tokens/{id}/revoke': {
    summary: 'Revoke a credential',
    tag: 'tokens',
    response: s.credentialViewSchema,
  },
  'GET /overrides': {
    summary: 'Queued overrides and stubs',
    tag: 'overrides',
    response: z.object({ overrides: z.array(overrideViewSchema) }),
  },
  'POST /overrides': {
    summary: 'Queue an override (forced outcome, delay) or a stub (`respond`)',
    tag: 'overrides',
    body: overridePayloadSchema(PROVIDER_IDS),
    response: overrideViewSchema,
    status: 201,
  },
  'DELETE /overrides': {
    summary: 'Clear every queued override',
    tag: 'overrides',
    response: s.clearedSchema,
  },
  'DELETE /overrides/{id}': {
    summary: 'Remove one queued override',
    tag: 'overrides',
    response: overrideViewSchema,
  },
  'GET /routes': {
    summary: 'Route modes and upstreams',
    tag: 'routes',
    response: s.routeTableSchema,
  },
  'PUT /routes': {
    summary: 'Replace the route modes',
    tag: 'routes',
    body: RoutesPayloadSchema,
    response: s.routeTableSchema,
  },
  'POST /sessions': {
    summary: 'Create an isolated session',
    tag: 'sessions',
    body: createSessionSchema(),
    response: s.sessionCreatedSchema,
    status: 201,
  },
  'GET /sessions': { summary: 'Live sessions', tag: 'sessions', response: s.sessionListSchema },
  'DELETE /sessions/{id}': {
    summary: 'End a session',
    tag: 'sessions',
    response: z.object({ id: z.string(), status: z.literal('deleted') }),
  },
  'GET /redcap/token-requests': {
    summary: 'REDCap API token requests and their status',
    tag: 'redcap',
    response: s.redcapTokenRequestListSchema,
  },
  'POST /redcap/projects/{pid}/token-requests': {
    summary: "Request an API token for a user (the project's API page)",
    tag: 'redcap',
    body: UsernameSchema,
    response: s.redcapTokenRequestSchema,
  },
  'POST /redcap/token-requests/{id}/approve': {
    summary: 'Approve a token request',
    tag: 'redcap',
    response: s.issuedTokenSchema,
  },
  'POST /redcap/token-requests/{id}/reject': {
    summary: 'Reject a token request',
    tag: 'redcap',
    response: s.redcapTokenRequestSchema,
  },
  'POST /redcap/projects/{pid}/users/{username}/token/regenerate': {
    summary: "Regenerate a user's token; the old one dies at once",
    tag: 'redcap',
    response: s.issuedTokenSchema,
  },
  'DELETE /redcap/projects/{pid}/users/{username}/token': {
    summary: "Delete a user's token",
    tag: 'redcap',
    response: s.deletedStatusSchema,
  },
  'POST /redcap/super-tokens': {
    summary: 'Create a super token (64 hex) for a user',
    tag: 'redcap',
    body: UsernameSchema,
    response: s.issuedTokenSchema,
  },
  'GET /epicollect/apps': {
    summary: 'Epicollect5 client apps, secrets included',
    tag: 'epicollect',
    response: s.epicollectAppListSchema,
  },
  'GET /epicollect/projects': {
    summary: 'Epicollect5 projects and their app',
    tag: 'epicollect',
    response: s.epicollectProjectListSchema,
  },
  'POST /epicollect/projects/{slug}/app': {
    summary: "Create a project's client app (409 when it has one)",
    tag: 'epicollect',
    body: CreateAppSchema,
    response: s.epicollectAppSchema,
    status: 201,
  },
  'GET /epicollect/projects/{slug}/app': {
    summary: "A project's client app",
    tag: 'epicollect',
    response: s.epicollectAppSchema,
  },
  'POST /epicollect/projects/{slug}/app/revoke': {
    summary: 'Revoke Token: every live token of the app is refused',
    tag: 'epicollect',
    response: s.epicollectRevokedSchema,
  },
  'DELETE /epicollect/projects/{slug}/app': {
    summary: 'Delete App',
    tag: 'epicollect',
    response: s.epicollectDeletedSchema,
  },
  'GET /redox/api-keys': {
    summary: 'Redox OAuth API keys (never a private key)',
    tag: 'redox',
    response: s.redoxApiKeyListSchema,
  },
  'POST /redox/api-keys': {
    summary: 'Create an API key; with no key given, standin generates an RS384 pair',
    tag: 'redox',
    body: CreateApiKeySchema,
    response: s.redoxApiKeyCreatedSchema,
    status: 201,
  },
  'GET /redox/api-keys/{clientId}': {
    summary: 'One API key',
    tag: 'redox',
    response: s.redoxApiKeyViewSchema,
  },
  'DELETE /redox/api-keys/{clientId}': {
    summary: 'Delete an API key; its live tokens are revoked',
    tag: 'redox',
    response: s.redoxApiKeyDeletedSchema,
  },
  'POST /redox/api-keys/{clientId}/keys': {
    summary: 'Add a public key (or `{}` to generate a pair)',
    tag: 'redox',
    body: AddKeySchema,
    response: s.redoxKeyAddedSchema,
    status: 201,
  },
  'DELETE /redox/api-keys/{clientId}/keys/{kid}': {
    summary: 'Remove a public key',
    tag: 'redox',
    response: s.redoxKeyRemovedSchema,
  },
  'GET /redox/api-keys/{clientId}/postman': {
    summary: 'A Postman collection and environment for the key',
    tag: 'redox',
    response: s.postmanSchema,
  },
} as const satisfies Record<string, Operation>

export type OperationKey = keyof typeof OPERATIONS

/** What the route answers, as the client returns it. */
export type ResponseOf<K extends OperationKey> = z.output<(typeof OPERATIONS)[K]['response']>
