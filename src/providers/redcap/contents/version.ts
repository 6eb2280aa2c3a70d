/**
 * `content=version`: the REDCap version as plain text, always `text/csv` whatever `format` says;
 * works with a project token (API Export) or any valid super token (api_docs_231).
 */
import { textReply } from '../wire/reply.js'
import type { BaseCall, ContentDef } from './types.js'

const run = (call: BaseCall) => textReply('csv', call.state.system.version)

const version: ContentDef = {
  content: 'version',
  action: { from: 'fixed', action: 'export' },
  actions: { export: { run, runSuper: run } },
}
export default version
