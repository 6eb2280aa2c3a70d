// REDCap token operations shared by the panel's tables and forms: regenerate, delete, and showing a
// new token once.

import { api, segment } from './api.js'
import { act } from './actions.js'
import { showSecret } from './secret.js'

export function tokenOperations(secretSlot) {
  const tokenPath = (pid, username) =>
    `redcap/projects/${segment(pid)}/users/${segment(username)}/token`
  /** A message function for `act` that also shows the reply's token once. */
  const reveal = (title) => (reply) => {
    showSecret(secretSlot, title, [{ label: 'API token', value: String(reply?.token ?? '') }])
    return `${title}.`
  }
  return {
    reveal,
    regenerate: (control, pid, username) =>
      act(
        control,
        () => api(`${tokenPath(pid, username)}/regenerate`, { method: 'POST' }),
        reveal(`New token for ${username} on project ${pid}`),
      ),
    remove: (control, pid, username) =>
      act(
        control,
        () => api(tokenPath(pid, username), { method: 'DELETE' }),
        `Deleted the token of ${username} on project ${pid}.`,
      ),
  }
}
