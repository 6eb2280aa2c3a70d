/**
 * REDCap's scenario actions: what an administrator does on the project's API page or in
 * Control Center > API Tokens, scripted (`do: {action: redcap.regenerateToken, ...}`).
 */
import { z } from 'zod'
import { StandinError } from '../../core/errors.js'
import { defineAction } from '../action.js'
import type { ProviderContext } from '../provider.js'
import type { RedcapState, TokenRequest } from './model.js'
import {
  approveRequest,
  deleteToken,
  regenerateToken,
  rejectRequest,
  type TokenDeps,
} from './tokens.js'

const ProjectUser = z
  .object({
    project: z.number().int().positive().describe('The project id (pid).'),
    username: z.string().min(1),
  })
  .strict()

function deps(ctx: ProviderContext<RedcapState>): TokenDeps {
  return { clock: ctx.world.clock, random: ctx.world.random, credentials: ctx.world.credentials }
}

function pendingOf(state: RedcapState, project: number, username: string): TokenRequest {
  for (const request of state.tokenRequests.values()) {
    if (
      request.projectId === project &&
      request.username === username &&
      request.status === 'pending'
    )
      return request
  }
  throw new StandinError(
    'not_found',
    `No pending token request of "${username}" on project ${String(project)}.`,
  )
}

export const redcapActions = {
  regenerateToken: defineAction({
    description: "Regenerates a user's API token; the old one stops working at once.",
    schema: ProjectUser,
    run(ctx: ProviderContext<RedcapState>, { project, username }) {
      regenerateToken(ctx.state(), deps(ctx), project, username)
      return `regenerated the API token of ${username} on project ${String(project)}`
    },
  }),
  deleteToken: defineAction({
    description: "Deletes a user's API token.",
    schema: ProjectUser,
    run(ctx: ProviderContext<RedcapState>, { project, username }) {
      deleteToken(ctx.state(), deps(ctx), project, username)
      return `deleted the API token of ${username} on project ${String(project)}`
    },
  }),
  approveTokenRequest: defineAction({
    description: "Approves a user's pending API token request.",
    schema: ProjectUser,
    run(ctx: ProviderContext<RedcapState>, { project, username }) {
      approveRequest(ctx.state(), deps(ctx), pendingOf(ctx.state(), project, username).id)
      return `approved the token request of ${username} on project ${String(project)}`
    },
  }),
  rejectTokenRequest: defineAction({
    description: "Rejects a user's pending API token request.",
    schema: ProjectUser,
    run(ctx: ProviderContext<RedcapState>, { project, username }) {
      rejectRequest(ctx.state(), deps(ctx), pendingOf(ctx.state(), project, username).id)
      return `rejected the token request of ${username} on project ${String(project)}`
    },
  }),
}
