/**
 * Provider actions: named things a provider can do when a scenario event says so
 * (`do: {action: epicollect.deleteApp, project: demo}`), such as deleting an Epicollect5 app,
 * regenerating a REDCap token or rotating a Redox key. A provider lists them in `actions`; the
 * scenario schema validates each call against the action's `schema`, so a typo in a scenario file
 * is reported by path before anything runs. See docs/decisions/provider-actions.md.
 */
import type { z } from 'zod'
import type { ActionResult, ProviderAction, ProviderContext } from './provider.js'

/** Names are camelCase verbs (`deleteApp`, `rotateKey`); scenarios call them `<provider>.<name>`. */
export const ACTION_NAME = /^[a-z][A-Za-z0-9]*$/

/** Types `run`'s arguments from the schema; the arguments are parsed again before each run. */
export function defineAction<State, S extends z.ZodObject>(action: {
  readonly description: string
  readonly schema: S
  run(ctx: ProviderContext<State>, args: z.output<S>): ActionResult | Promise<ActionResult>
}): ProviderAction<State> {
  return {
    description: action.description,
    schema: action.schema,
    run: (ctx, args) => action.run(ctx, action.schema.parse(args)),
  }
}
