// The REDCap panel's forms: request a token for a user on a project, regenerate or delete one by
// project and user, and create a super token. Suggestions come from the state.

import { api, segment } from './api.js'
import { onSubmit } from './actions.js'
import { h } from './dom.js'
import { fillDatalist, formOf, submit, textField } from './forms.js'

export function mountRedcapForms(operations) {
  const pids = h('datalist', { id: 'redcap-pids' })
  const users = h('datalist', { id: 'redcap-users' })
  const requestForm = formOf(
    'redcap-request',
    'Request a token',
    projectAndUser('redcap-request'),
    submit('Request token'),
  )
  const deleteButton = h('button', { type: 'button' }, 'Delete token')
  const manageForm = formOf(
    'redcap-manage',
    "Regenerate or delete a user's token",
    projectAndUser('redcap-manage'),
    h('div', { class: 'button-row' }, submit('Regenerate'), deleteButton),
  )
  const superForm = formOf(
    'redcap-super',
    'Create a super token',
    textField(
      'redcap-super-user',
      'Username',
      'username',
      { list: 'redcap-users' },
      'An unknown username becomes a new user.',
    ),
    submit('Create super token'),
  )

  onSubmit(
    requestForm,
    (form) =>
      api(`redcap/projects/${segment(form.get('pid'))}/token-requests`, {
        method: 'POST',
        body: { username: form.get('username') },
      }),
    (reply) => `Token request ${reply?.id ?? ''} is ${reply?.status ?? 'filed'}.`,
  )
  manageForm.addEventListener('submit', (event) => {
    event.preventDefault()
    const form = new FormData(manageForm)
    void operations.regenerate(event.submitter, form.get('pid'), form.get('username'))
  })
  deleteButton.addEventListener('click', () => {
    if (!manageForm.reportValidity()) return
    const form = new FormData(manageForm)
    void operations.remove(deleteButton, form.get('pid'), form.get('username'))
  })
  onSubmit(
    superForm,
    (form) =>
      api('redcap/super-tokens', { method: 'POST', body: { username: form.get('username') } }),
    operations.reveal('Super token created'),
  )

  return {
    element: h('div', { class: 'forms' }, requestForm, manageForm, superForm, pids, users),
    suggest(projectIds, usernames) {
      fillDatalist(pids, projectIds)
      fillDatalist(users, usernames)
    },
  }
}

/** The two fields that name a token: project ID and username. */
function projectAndUser(prefix) {
  return [
    textField(`${prefix}-pid`, 'Project ID', 'pid', { list: 'redcap-pids', inputmode: 'numeric' }),
    textField(`${prefix}-user`, 'Username', 'username', { list: 'redcap-users' }),
  ]
}
