/**
 * The API token lifecycle, as the project's API page and Control Center > API Tokens run it
 * (protocol notes §4.1-4.2): a user with API rights requests a token; it waits for an administrator
 * (or is approved at once under auto-approve); regenerate and delete kill the old token at once;
 * super tokens (64 hex) belong to a user. Every token is registered in the credential registry.
 */
import type { Clock } from '../../../core/clock.js'
import type { CredentialRegistry } from '../../../core/credentials.js'
import { StandinError } from '../../../core/errors.js'
import type { Random } from '../../../core/random.js'
import type { Project, ProjectUser, RedcapState, TokenRequest, User } from './model.js'
import { effectiveRights } from './rights.js'
import { redcapTime } from '../wire/time.js'

export interface TokenDeps {
  readonly clock: Clock
  readonly random: Random
  readonly credentials: CredentialRegistry
}

function fail(code: 'not_found' | 'conflict', message: string): StandinError {
  return new StandinError(code, message)
}

export function projectOf(state: RedcapState, projectId: number): Project {
  const project = state.projects.get(projectId)
  if (!project) throw fail('not_found', `Project ${String(projectId)} does not exist.`)
  return project
}

export function projectUserOf(project: Project, username: string): ProjectUser {
  const user = project.users.get(username)
  if (!user) throw fail('not_found', `User "${username}" is not on project ${String(project.id)}.`)
  return user
}

function freshSecret(deps: TokenDeps, length: 32 | 64): string {
  for (;;) {
    const secret = deps.random.hex(length).toUpperCase()
    if (!deps.credentials.lookup('redcap', secret).found) return secret
  }
}

/** Gives a project user a token (fixed in a seed, random otherwise) and registers it. */
export function grantToken(
  deps: TokenDeps,
  project: Project,
  member: ProjectUser,
  fixed?: string,
): string {
  const secret = fixed?.toUpperCase() ?? freshSecret(deps, 32)
  const view = deps.credentials.issue({
    provider: 'redcap',
    kind: 'api_token',
    subject: member.username,
    secret,
    attributes: { projectId: String(project.id), username: member.username },
  })
  member.token = secret
  member.credentialId = view.id
  return secret
}

function autoApproves(state: RedcapState, user: User | undefined): boolean {
  if (user?.admin) return true
  const type = state.system.tokenRequestType
  return (
    type === 'auto_approve_all' || (type === 'auto_approve_selected' && !!user?.autoApproveTokens)
  )
}

export function requestToken(
  state: RedcapState,
  deps: TokenDeps,
  projectId: number,
  username: string,
): { request: TokenRequest; token: string | null } {
  const project = projectOf(state, projectId)
  const member = projectUserOf(project, username)
  const rights = effectiveRights(project, member)
  if (!rights.apiExport && !rights.apiImport)
    throw fail('conflict', 'Your API token request failed! - Unable to create token')
  if (member.token !== null)
    throw fail('conflict', 'Your API token request failed! - token already exists.')
  const pending = [...state.tokenRequests.values()].find(
    (r) => r.projectId === projectId && r.username === username && r.status === 'pending',
  )
  if (pending) throw fail('conflict', `Request ${pending.id} for "${username}" is already pending.`)
  const request: TokenRequest = {
    id: `req-${String(state.tokenRequests.size + 1)}`,
    projectId,
    username,
    status: 'pending',
    requestedAt: redcapTime(deps.clock),
    decidedAt: null,
  }
  state.tokenRequests.set(request.id, request)
  if (!autoApproves(state, state.users.get(username))) return { request, token: null }
  return { request, token: approveRequest(state, deps, request.id) }
}

function pendingRequest(state: RedcapState, id: string): TokenRequest {
  const request = state.tokenRequests.get(id)
  if (!request) throw fail('not_found', `Token request "${id}" does not exist.`)
  if (request.status !== 'pending')
    throw fail('conflict', `Token request "${id}" is already ${request.status}.`)
  return request
}

export function approveRequest(state: RedcapState, deps: TokenDeps, id: string): string {
  const request = pendingRequest(state, id)
  const project = projectOf(state, request.projectId)
  const member = projectUserOf(project, request.username)
  if (member.token !== null)
    throw fail('conflict', 'Your API token request failed! - token already exists.')
  request.status = 'approved'
  request.decidedAt = redcapTime(deps.clock)
  return grantToken(deps, project, member)
}

export function rejectRequest(state: RedcapState, deps: TokenDeps, id: string): TokenRequest {
  const request = pendingRequest(state, id)
  request.status = 'rejected'
  request.decidedAt = redcapTime(deps.clock)
  return request
}

function killToken(deps: TokenDeps, member: ProjectUser, reason: string): void {
  if (member.credentialId !== null) deps.credentials.revoke(member.credentialId, reason)
  member.token = null
  member.credentialId = null
}

function memberWithToken(state: RedcapState, projectId: number, username: string) {
  const project = projectOf(state, projectId)
  const member = projectUserOf(project, username)
  if (member.token === null)
    throw fail('not_found', `User "${username}" has no API token on project ${String(projectId)}.`)
  return { project, member }
}

export function regenerateToken(
  state: RedcapState,
  deps: TokenDeps,
  projectId: number,
  username: string,
): string {
  const { project, member } = memberWithToken(state, projectId, username)
  killToken(deps, member, 'regenerated')
  return grantToken(deps, project, member)
}

export function deleteToken(
  state: RedcapState,
  deps: TokenDeps,
  projectId: number,
  username: string,
): void {
  killToken(deps, memberWithToken(state, projectId, username).member, 'deleted')
}

export function newUser(username: string): User {
  return {
    username,
    firstname: '',
    lastname: '',
    email: '',
    admin: false,
    suspended: false,
    serviceAccountOf: null,
    autoApproveTokens: false,
    superToken: null,
    superCredentialId: null,
  }
}

/** One super token per user: a new one replaces the old (Control Center regenToken_s). */
export function issueSuperToken(
  state: RedcapState,
  deps: TokenDeps,
  username: string,
  fixed?: string,
): string {
  let user = state.users.get(username)
  if (!user) {
    user = newUser(username)
    state.users.set(username, user)
  }
  if (user.superCredentialId !== null) deps.credentials.revoke(user.superCredentialId, 'replaced')
  const secret = fixed?.toUpperCase() ?? freshSecret(deps, 64)
  const view = deps.credentials.issue({
    provider: 'redcap',
    kind: 'super_token',
    subject: username,
    secret,
    attributes: { username },
  })
  user.superToken = secret
  user.superCredentialId = view.id
  return secret
}
