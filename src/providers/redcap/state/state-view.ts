/** REDCap's JSON view for `GET /_standin/state`: who and what exists, never a secret. */
import type { RedcapState } from './model.js'

export function snapshotState(state: RedcapState): unknown {
  return {
    system: state.system,
    users: [...state.users.values()].map((u) => ({
      username: u.username,
      admin: u.admin,
      suspended: u.suspended,
      serviceAccountOf: u.serviceAccountOf,
      hasSuperToken: u.superToken !== null,
    })),
    projects: [...state.projects.values()].map((p) => ({
      id: p.id,
      title: p.settings.title,
      status: p.status,
      longitudinal: p.settings.isLongitudinal,
      records: p.records.size,
      users: [...p.users.values()].map((m) => ({
        username: m.username,
        token: m.credentialId,
      })),
    })),
    tokenRequests: [...state.tokenRequests.values()],
  }
}
