/**
 * The `providers.redcap` section that rebuilds this state, for `GET /_standin/snapshot`: system
 * settings, every user, every project (by fixture while it still is what the fixture built, else
 * inline), the token requests with their status, and the next ids. Tokens and super tokens are
 * written under their seed names only for the snapshot to strip and name them (admin/snapshot.ts):
 * a loaded snapshot has none, and its users request tokens again (docs/snapshot.md).
 */
import type { Project, ProjectUser, RedcapState, User } from './model.js'
import { fixtureReferences } from './origins.js'
import { dumpProject, rightsDiff } from './project-dump.js'

function userSeed(u: User) {
  return {
    username: u.username,
    firstname: u.firstname,
    lastname: u.lastname,
    email: u.email,
    admin: u.admin,
    suspended: u.suspended,
    ...(u.serviceAccountOf === null ? {} : { serviceAccountOf: u.serviceAccountOf }),
    autoApproveTokens: u.autoApproveTokens,
    ...(u.superToken === null ? {} : { superToken: u.superToken }),
  }
}

/**
 * A project user; the DAG Switcher by unique DAG names only for a fixture project, since inline
 * content carries it by id.
 */
function memberSeed(project: Project, m: ProjectUser, byFixture: boolean) {
  const role = project.roles.find((r) => r.id === m.roleId)
  const dag = project.dags.find((d) => d.id === m.dagId)
  const switcher = byFixture ? project.dagSwitcher.get(m.username) : undefined
  return {
    username: m.username,
    rights: rightsDiff(m.rights),
    ...(role ? { role: role.uniqueName } : {}),
    ...(dag ? { dag: dag.uniqueName } : {}),
    ...(switcher
      ? {
          dagSwitcher: switcher.map(
            (id) => project.dags.find((d) => d.id === id)?.uniqueName ?? '',
          ),
        }
      : {}),
    ...(m.token === null ? {} : { token: m.token }),
  }
}

function projectSeed(project: Project, fixture: string | undefined) {
  return {
    id: project.id,
    ...(fixture === undefined
      ? { content: dumpProject(project) }
      : { fixture, title: project.settings.title }),
    status: project.status,
    deleted: project.deleted,
    completed: project.completed,
    online: project.online,
    users: [...project.users.values()].map((m) => memberSeed(project, m, fixture !== undefined)),
  }
}

export function seedOfRedcapState(state: RedcapState): unknown {
  const byFixture = fixtureReferences(state)
  return {
    ...state.system,
    users: [...state.users.values()].map(userSeed),
    projects: [...state.projects.values()].map((p) => projectSeed(p, byFixture.get(p.id))),
    tokenRequests: [...state.tokenRequests.values()].map((r) => ({ ...r })),
    sequence: { ...state.sequence },
  }
}
