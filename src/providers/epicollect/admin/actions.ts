/**
 * Epicollect5's scenario actions: the buttons of a project's Apps page, scripted
 * (`do: {action: epicollect.deleteApp, project: ec5-river-watch}`).
 */
import { z } from 'zod'
import { defineAction } from '../../action.js'
import type { ProviderContext } from '../../provider.js'
import { deleteApp, revokeAppTokens } from '../state/client-app.js'
import type { EpicollectState } from '../state/model.js'

const ProjectSlug = z.object({ project: z.string().min(1).describe('The project slug.') }).strict()

export const epicollectActions = {
  revokeToken: defineAction({
    description: "Revoke Token: kills the app's live tokens; the app stays.",
    schema: ProjectSlug,
    run(ctx: ProviderContext<EpicollectState>, { project }) {
      const { revoked } = revokeAppTokens(
        ctx.state(),
        {
          credentials: ctx.world.credentials,
          random: ctx.world.random,
          nowMs: ctx.world.clock.epochMs(),
        },
        project,
      )
      return `revoked ${String(revoked)} token(s) of the ${project} app`
    },
  }),
  deleteApp: defineAction({
    description: 'Delete App: the client is gone; its tokens answer ec5_257.',
    schema: ProjectSlug,
    run(ctx: ProviderContext<EpicollectState>, { project }) {
      deleteApp(ctx.state(), project)
      return `deleted the app of ${project}`
    },
  }),
}
