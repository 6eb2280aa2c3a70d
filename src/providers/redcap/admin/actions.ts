/**
 * REDCap's scenario actions: what an administrator does on the project's API page or in
 * Control Center > API Tokens, scripted (`do: {action: redcap.regenerateToken, ...}`).
 */
import { z } from 'zod'
import { StandinError } from '../../../core/errors.js'
import { defineAction } from '../../action.js'
import type { ProviderContext } from '../../provider.js'
import type { RedcapState, TokenRequest } from '../state/model.js'
import {
  approveRequest,
  deleteToken,
  regenerateToken,
  rejectRequest,
  type TokenDeps,
} from '../state/tokens.js'

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

/** An action on one user's token (or token request) in one project; `done` starts its report. */
function userTokenAction(
  description: string,
  done: string,
  act: (state: RedcapState, deps: TokenDeps, project: number, username: string) => unknown,
) {
  return defineAction({
    description,
    schema: ProjectUser,
    run(ctx: ProviderContext<RedcapState>, { project, username }) {
      act(ctx.state(), deps(ctx), project, username)
      return `${done} ${username} on project ${String(project)}`
    },
  })
}

export const redcapActions = {
  regenerateToken: userTokenAction(
    "Regenerates a user's API token; the old one stops working at once.",
    'regenerated the API token of',
    regenerateToken,
  ),
  deleteToken: userTokenAction(
    "Deletes a user's API token.",
    'deleted the API token of',
    deleteToken,
  ),
  approveTokenRequest: userTokenAction(
    "Approves a user's pending API token request.",
    'approved the token request of',
    (state, deps, project, username) =>
      approveRequest(state, deps, pendingOf(state, project, username).id),
  ),
  rejectTokenRequest: userTokenAction(
    "Rejects a user's pending API token request.",
    'rejected the token request of',
    (state, deps, project, username) =>
      rejectRequest(state, deps, pendingOf(state, project, username).id),
  ),
}
