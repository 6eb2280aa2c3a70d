/**
 * The token checks of pipeline step 2, in REDCap's order (RestUtility.php, docs/protocols/redcap.md §1.3):
 * the super-token route (version with a 64-character token, or project creation) first; then the
 * token's shape; then its lookup among live project tokens of non-suspended users; then the
 * user's rights expiry. Tokens compare case-insensitively (the column's collation is `_ci`).
 * Every token is found through the credential registry, so control-plane revocation applies.
 */
import type { Clock } from '../../../core/clock.js'
import type { CredentialRegistry, CredentialView } from '../../../core/credentials.js'
import { StandinError } from '../../../core/errors.js'
import { MSG } from '../wire/messages.js'
import type { Project, ProjectUser, RedcapState, User } from '../state/model.js'
import { effectiveRights, type Access } from '../state/rights.js'
import { redcapDate } from '../wire/time.js'

export interface AuthDeps {
  readonly clock: Clock
  readonly credentials: CredentialRegistry
}

export type Principal =
  | {
      readonly kind: 'project'
      readonly user: User
      readonly project: Project
      readonly member: ProjectUser
      readonly access: Access
      readonly credentialId: string
    }
  | { readonly kind: 'super'; readonly user: User; readonly credentialId: string }

function refuse(detail: string, wireMessage: string = MSG.noPermission): StandinError {
  return new StandinError('invalid_credentials', wireMessage, { status: 403, wireMessage, detail })
}

/**
 * The refusals that read the same every time, made once: a refusal holds no stack and nothing
 * writes to it, and a client polling with a dead or mistyped token meets one on every call.
 */
const REFUSED = {
  noToken: refuse('no token was posted'),
  notAlphanumeric: refuse('the token has characters other than letters and digits'),
  unknown: refuse('no project token matches'),
  superToken: refuse('a super token works only for version and project creation'),
  notMember: refuse('the token no longer belongs to a user on its project'),
  noSuperHolder: refuse('no user holds this super token', MSG.superTokenRequired),
}

/** Letters and digits only (RestUtility.php's token check). */
const ALPHANUMERIC = /^[A-Za-z0-9]+$/

function deadWhy(view: CredentialView): string {
  if (view.status === 'revoked')
    return `token ${view.secretPrefix}... was ${view.revokedReason ?? 'revoked'} at ${view.revokedAt ?? ''} (virtual time)`
  return `token ${view.secretPrefix}... expired at ${view.expiresAt ?? ''} (virtual time)`
}

/*
 * Both checks return their refusal rather than throw it: most calls a client gets wrong end here,
 * and throwing costs a request more than the whole check (V8 walks the stack on every throw).
 */

export function authenticateSuper(
  state: RedcapState,
  deps: AuthDeps,
  token: string,
): Principal | StandinError {
  const refuseSuper = (detail: string) => refuse(detail, MSG.superTokenRequired)
  if (token.length !== 64)
    return refuseSuper(
      `a ${String(token.length)}-character token where a 64-character super token is required`,
    )
  const found = deps.credentials.lookup('redcap', token.toUpperCase())
  if (!found.found || found.credential.kind !== 'super_token') return REFUSED.noSuperHolder
  if (found.status !== 'active') return refuseSuper(deadWhy(found.credential))
  const user = state.users.get(found.credential.subject)
  if (!user || user.suspended) return refuseSuper(`the super token's user is suspended or gone`)
  return { kind: 'super', user, credentialId: found.credential.id }
}

export function authenticateProject(
  state: RedcapState,
  deps: AuthDeps,
  token: string | undefined,
): Principal | StandinError {
  if (token === undefined || token === '') return REFUSED.noToken
  if (!ALPHANUMERIC.test(token)) return REFUSED.notAlphanumeric
  const found = deps.credentials.lookup('redcap', token.toUpperCase())
  if (!found.found) return REFUSED.unknown
  const view = found.credential
  if (view.kind !== 'api_token') return REFUSED.superToken
  if (found.status !== 'active') return refuse(deadWhy(view))
  const project = state.projects.get(Number(view.attributes.projectId))
  const member = project?.users.get(view.attributes.username ?? '')
  const user = state.users.get(view.attributes.username ?? '')
  if (!project || !member || !user || member.credentialId !== view.id) return REFUSED.notMember
  if (user.suspended) return refuse(`user "${user.username}" is suspended`)
  const rights = effectiveRights(project, member)
  if (rights.expiration !== null && rights.expiration <= redcapDate(deps.clock) && !user.admin) {
    return new StandinError('forbidden', 'rights expired', {
      status: 403,
      wireMessage: MSG.expired(rights.expiration),
      detail: `rights of "${user.username}" expired on ${rights.expiration}`,
    })
  }
  return {
    kind: 'project',
    user,
    project,
    member,
    access: { username: user.username, rights, dagId: member.dagId },
    credentialId: view.id,
  }
}
