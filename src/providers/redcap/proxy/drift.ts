/**
 * How drift checks (docs/drift.md) read REDCap: one endpoint whose route is its `content` and
 * `action`, a token field that takes the scenario's token for the same user and project, and the
 * settings and fixtures that can explain a difference.
 */
import { StandinError } from '../../../core/errors.js'
import type { DriftProfile, DriftRequest, RecordedCredential } from '../../drift-profile.js'
import type { ProviderContext } from '../../provider.js'
import type { RedcapState } from '../state/model.js'

function field(request: DriftRequest, name: string): string | undefined {
  return (request.fields.find(([k]) => k === name) ?? request.query.find(([k]) => k === name))?.[1]
}

function route(request: DriftRequest): string {
  const content = field(request, 'content')
  const action = field(request, 'action')
  const parts = [`${request.method} ${request.path}`]
  if (content !== undefined) parts.push(`content=${content}`)
  if (action !== undefined) parts.push(`action=${action}`)
  else if (field(request, 'data') !== undefined) parts.push('(import)')
  return parts.join(' ')
}

/** The scenario's token for the recorded user and project; else the first token of that project. */
function tokenFor(state: RedcapState, credential: RecordedCredential | undefined): string {
  if (credential?.kind === 'super_token') {
    const user = state.users.get(credential.subject)
    if (user?.superToken) return user.superToken
  }
  const projectId = Number(credential?.attributes.projectId)
  const projects = [...state.projects.values()].filter((p) => !p.deleted)
  const project = projects.find((p) => p.id === projectId) ?? projects[0]
  const members = [...(project?.users.values() ?? [])].filter((u) => u.token !== null)
  const member = members.find((u) => u.username === credential?.subject) ?? members[0]
  if (!member?.token)
    throw new StandinError('invalid_request', 'No REDCap token', {
      detail: `the scenario has no token for ${credential?.subject ?? 'any user'} in project ${String(projectId)}`,
    })
  return member.token
}

export const redcapDrift: DriftProfile<RedcapState> = {
  route,
  authorize: (ctx: ProviderContext<RedcapState>, request, credential) => {
    const hasToken = field(request, 'token') !== undefined
    return Promise.resolve(hasToken ? { fields: { token: tokenFor(ctx.state(), credential) } } : {})
  },
  settings: [
    {
      setting: 'providers.redcap.version',
      why: 'the REDCap version standin reports and follows',
      match: { route: 'POST /api/ content=version' },
    },
    {
      setting: 'providers.redcap.tokenRequestType',
      why: 'how token requests are approved',
      match: { route: 'POST /api/ content=tokenRequest' },
    },
    ...['metadata', 'exportFieldNames', 'record', 'instrument'].map((content) => ({
      setting: 'providers.redcap.projects[].fixture',
      why: "the project's fields, forms and records come from its fixture",
      match: { route: `POST /api/ content=${content}` },
    })),
  ],
  deviations: [
    {
      id: 'redcap.pdf-layout',
      summary: "The instrument PDF is standin's own layout; REDCap's file names and bytes differ.",
      match: { route: 'POST /api/ content=pdf', kinds: ['content-type', 'value', 'length'] },
    },
    {
      id: 'redcap.xml-parser-message',
      summary: "XML data that fails to parse names fast-xml-parser's message, not libxml's.",
      match: { kinds: ['error'], route: 'POST /api/ content=record (import)' },
    },
    {
      id: 'redcap.survey-codes',
      summary: 'Survey hashes, access codes and return codes are random letters and digits.',
      match: { route: 'POST /api/ content=surveyLink', kinds: ['value'] },
    },
  ],
}
