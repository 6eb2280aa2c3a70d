/**
 * REDCap's state built from a scenario section: system settings, users (people and service
 * accounts), projects from fixtures or inline content with each user's rights, and the tokens and
 * token requests the scenario asks for.
 */
import type { FixtureStore } from '../../../core/fixtures.js'
import { readProjectFixture } from './fixture.js'
import type { IdSequence, Project, ProjectUser, RedcapState } from './model.js'
import { checkContent, claimIds } from './content-check.js'
import { FIRST_IDS, recordOrigin } from './origins.js'
import { projectFromContent } from './project-dump.js'
import { emptyProject, fillFromFixture } from './project-build.js'
import { RightsSchema, type ProjectSeed, type RedcapSeed } from './seed.js'
import { grantToken, issueSuperToken, newUser, type TokenDeps } from './tokens.js'
import { redcapTime } from '../wire/time.js'
import { PARSE_ONCE } from '../../../core/parse-once.js'

export interface StateDeps extends TokenDeps {
  readonly fixtures: FixtureStore
}

export function emptyState(seed: RedcapSeed): RedcapState {
  return {
    system: {
      version: seed.version,
      tokenRequestType: seed.tokenRequestType,
      apiEnabled: seed.apiEnabled,
      systemOffline: seed.systemOffline,
      offlineMessage: seed.offlineMessage,
    },
    users: new Map(),
    projects: new Map(),
    tokenRequests: new Map(),
    sequence: { ...FIRST_IDS },
    origins: new Map(),
  }
}

export function createRedcapState(seed: RedcapSeed, deps: StateDeps): RedcapState {
  const state = emptyState(seed)
  for (const u of seed.users) {
    const user = {
      ...newUser(u.username),
      firstname: u.firstname,
      lastname: u.lastname,
      email: u.email,
      admin: u.admin,
      suspended: u.suspended,
      serviceAccountOf: u.serviceAccountOf ?? null,
      autoApproveTokens: u.autoApproveTokens,
    }
    state.users.set(u.username, user)
    if (u.superToken !== undefined) issueSuperToken(state, deps, u.username, u.superToken)
  }
  for (const p of seed.projects) addSeedProject(state, deps, p)
  for (const r of seed.tokenRequests) state.tokenRequests.set(r.id, { ...r })
  if (seed.sequence)
    for (const key of Object.keys(state.sequence) as (keyof IdSequence)[])
      state.sequence[key] = Math.max(state.sequence[key], seed.sequence[key])
  claimIds(state)
  return state
}

function addSeedProject(state: RedcapState, deps: StateDeps, seed: ProjectSeed): void {
  const id = seed.id ?? state.sequence.project
  if (state.projects.has(id)) throw new Error(`Two REDCap projects have id ${String(id)}.`)
  state.sequence.project = Math.max(state.sequence.project, id + 1)
  const from = { ...state.sequence }
  if (seed.content) checkContent(id, seed.content)
  const project = seed.content
    ? projectFromContent(id, seed.content)
    : fixtureProject(state, deps, id, seed.fixture ?? '')
  if (seed.title) project.settings.title = seed.title
  if (seed.status) project.status = seed.status
  project.deleted = seed.deleted
  project.completed = seed.completed
  project.online = seed.online
  state.projects.set(id, project)
  for (const u of seed.users) {
    if (!state.users.has(u.username)) state.users.set(u.username, newUser(u.username))
    const role =
      u.role === undefined ? undefined : project.roles.find((r) => r.uniqueName === u.role)
    const dag = u.dag === undefined ? undefined : project.dags.find((d) => d.uniqueName === u.dag)
    if (u.role !== undefined && !role)
      throw new Error(`Project ${String(id)} has no role "${u.role}".`)
    if (u.dag !== undefined && !dag) throw new Error(`Project ${String(id)} has no DAG "${u.dag}".`)
    const member: ProjectUser = {
      username: u.username,
      rights: u.rights,
      roleId: role?.id ?? null,
      dagId: dag?.id ?? null,
      token: null,
      credentialId: null,
    }
    project.users.set(u.username, member)
    if (u.dagSwitcher) project.dagSwitcher.set(u.username, u.dagSwitcher.map(dagIdOf(project)))
    if (u.token !== undefined || u.approvedToken === true)
      grantToken(deps, project, member, u.token)
    if (u.tokenRequest === 'pending') {
      const requestId = `req-${String(state.tokenRequests.size + 1)}`
      state.tokenRequests.set(requestId, {
        id: requestId,
        projectId: id,
        username: u.username,
        status: 'pending',
        requestedAt: redcapTime(deps.clock),
        decidedAt: null,
      })
    }
  }
  if (seed.fixture !== undefined) recordOrigin(state, project, seed.fixture, from)
}

function fixtureProject(state: RedcapState, deps: StateDeps, id: number, fixture: string) {
  const files = readProjectFixture(deps.fixtures, fixture)
  const project = emptyProject(id, { ...files.fixture.settings }, redcapTime(deps.clock))
  fillFromFixture(state, project, files)
  return project
}

function dagIdOf(project: Project) {
  return (unique: string): number | null => {
    if (unique === '') return null
    const dag = project.dags.find((d) => d.uniqueName === unique)
    if (!dag) throw new Error(`Project ${String(project.id)} has no DAG "${unique}".`)
    return dag.id
  }
}

/**
 * Full rights, as a project's creator gets them through the API: with alerts, API export, import
 * and modules and the mobile app (docs/redcap-methods.md).
 */
export const CREATOR_RIGHTS = RightsSchema.parse(
  { alerts: true, apiModules: true, mobileApp: true },
  PARSE_ONCE,
)
