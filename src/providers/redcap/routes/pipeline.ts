/**
 * One API call through REDCap's pipeline, in the order that decides which error wins
 * (`API/index.php`, docs/protocols/redcap.md §1.5): system offline / API disabled → token checks → `data`
 * pre-parse by the raw `format` → `content` → `action` → generic rights (skipped for super tokens)
 * → project state → the content's own requirements → its handler. (The 501 for other methods is
 * decided by the route before the body is read.)
 */
import { StandinError } from '../../../core/errors.js'
import { authenticateProject, authenticateSuper, type Principal } from './auth.js'
import { jsonNestedDeeperThan, xmlNestedDeeperThan } from '../../../core/nesting.js'
import { CONTENT_REGISTRY } from '../contents/registry.js'
import { dataChanged } from '../contents/export-cache.js'
import type { ActionDef, CallDeps, ContentDef, InputLimits } from '../contents/types.js'
import { badRequest, MSG } from '../wire/messages.js'
import type { RedcapState } from '../state/model.js'
import { checkPipelineRights, type ApiAction } from '../state/rights.js'
import { resolveFormat, resolveReturnFormat } from '../wire/format.js'
import type { ApiParams } from '../wire/params.js'
import type { Reply } from '../wire/reply.js'
import { xmlProblem } from '../wire/xml.js'

export interface ApiOutcome {
  readonly reply: Reply
  readonly credentialId: string
}

/** The super-token route: version with a 64-character token, or project creation (§1.3 step 1). */
function isSuperRoute(params: ApiParams): boolean {
  const content = params.str('content')
  const token = params.str('token') ?? ''
  if (content === 'version') return token.length === 64
  return content === 'project' && (params.str('data') ?? '') !== ''
}

/**
 * Before any parser: `data` (in the format it will be read in) and an ODM file nested deeper than
 * the configured bound are refused as PHP's decoders refuse them (json_decode's depth error,
 * libxml's excessive depth), since no real payload comes near it.
 */
function checkNesting(params: ApiParams, limits: InputLimits): void {
  const data = params.str('data')
  const depth = limits.nestingDepth
  const xmlTooDeep = () =>
    badRequest(
      MSG.badXml(`Excessive depth in document: ${String(depth)}`),
      `XML nested over ${String(depth)} levels`,
    )
  if (data !== undefined) {
    if (resolveFormat(params.str('format')) === 'json') {
      if (jsonNestedDeeperThan(data, depth))
        throw badRequest(
          MSG.badJson('Maximum stack depth exceeded'),
          `data nested over ${String(depth)} levels`,
        )
    } else if (xmlNestedDeeperThan(data, depth)) throw xmlTooDeep()
  }
  const odm = params.str('odm')
  if (odm !== undefined && xmlNestedDeeperThan(odm, depth)) throw xmlTooDeep()
}

/** Step 3: a string `data` must decode in the raw `format` (json or xml), whatever the content. */
function preParseData(params: ApiParams, limits: InputLimits): void {
  checkNesting(params, limits)
  const data = params.str('data')
  if (data === undefined) return
  const format = (params.str('format') ?? '').toLowerCase()
  if (format === 'json') {
    let decoded: unknown
    try {
      decoded = JSON.parse(data) as unknown
    } catch {
      throw badRequest(MSG.badJson('Syntax error'), 'data is not valid JSON')
    }
    if (decoded === null) throw badRequest(MSG.badJson('No error'), 'data is JSON null')
  } else if (format === 'xml') {
    const problem = xmlProblem(data)
    if (problem !== null) throw badRequest(MSG.badXml(problem), 'data is not well-formed XML')
  }
}

/** Steps 5-6: the action, from the content's rule. */
function resolveAction(def: ContentDef, params: ApiParams): { action: ApiAction; spec: ActionDef } {
  const rule = def.action
  const posted = (params.str('action') ?? '') as ApiAction
  const hasData = params.has('data')
  let action: ApiAction
  if (rule.from === 'fixed') action = rule.action
  else if (rule.from === 'data')
    action = rule.explicit?.includes(posted) ? posted : hasData ? 'import' : 'export'
  else if ((posted as string) === '') action = rule.dataMeansImport && hasData ? 'import' : 'export'
  else if (rule.allowed.includes(posted)) action = posted
  else throw badRequest(MSG.badAction, `action "${posted}" is not valid for ${def.content}`)
  const spec = def.actions[action]
  if (!spec) throw badRequest(MSG.badAction, `${def.content} has no ${action} action`)
  return { action, spec }
}

/** Step 8: deleted and completed projects are closed except for `project` and `version`. */
function checkProjectState(content: string, principal: Principal): void {
  if (principal.kind !== 'project') return
  const { project } = principal
  if (content !== 'project' && content !== 'version') {
    if (project.deleted) throw badRequest(MSG.projectDeleted)
    if (project.completed) throw badRequest(MSG.projectCompleted)
  }
  if (!project.online) throw badRequest(MSG.projectOffline)
}

/** The call's answer; a refused token is returned, any other refusal thrown. */
export function handleApiCall(
  state: RedcapState,
  deps: CallDeps,
  params: ApiParams,
): ApiOutcome | StandinError {
  if (state.system.systemOffline) throw badRequest(state.system.offlineMessage, 'system offline')
  if (!state.system.apiEnabled) throw badRequest(MSG.apiDisabled, 'the API is disabled')
  const token = params.str('token')
  const principal = isSuperRoute(params)
    ? authenticateSuper(state, deps, token ?? '')
    : authenticateProject(state, deps, token)
  if (principal instanceof StandinError) return principal
  preParseData(params, deps.limits)
  const content = params.str('content') ?? ''
  const def = CONTENT_REGISTRY.get(content)
  if (!def) throw badRequest(MSG.badContent, `content "${content}" is not supported`)
  const { action, spec } = resolveAction(def, params)
  if (principal.kind === 'project') checkPipelineRights(content, action, principal.access)
  checkProjectState(content, principal)

  const format = resolveFormat(params.str('format'))
  const returnFormat = resolveReturnFormat(params.str('returnFormat'), format)
  const data = params.str('data')
  if (principal.kind === 'super') {
    if (!spec.runSuper) throw badRequest(MSG.badAction)
    const call = { params, format, returnFormat, data, state, deps, user: principal.user }
    return { reply: spec.runSuper(call), credentialId: principal.credentialId }
  }
  for (const requirement of spec.requires ?? []) {
    if (!requirement.met(principal.access, principal.project)) throw requirement.error()
  }
  if (!spec.run) throw badRequest(MSG.badAction)
  // Only a record export is answered from the cache; any other call may change what it holds.
  if (content !== 'record' || action !== 'export') dataChanged(principal.project)
  const { project, access, user } = principal
  const call = { params, format, returnFormat, data, state, deps, project, access, user }
  return { reply: spec.run(call), credentialId: principal.credentialId }
}
