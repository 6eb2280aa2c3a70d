// REDCap's token lifecycle as the project's API page and the Control Center show it: requests to
// approve or reject, live tokens to regenerate or delete, and super tokens.

import { api, segment } from './api.js'
import { act, onSubmit } from './actions.js'
import { h, renderInto, row, table } from './dom.js'
import { credentialStatus } from './format.js'
import { fillDatalist, formOf, submit, textField } from './forms.js'
import { field, listOf } from './pick.js'
import { showSecret } from './secret.js'
import { virtualNow } from './virtual-clock.js'

const REQUEST_HEADINGS = ['Request', 'Project', 'User', 'Status', 'Actions']
const TOKEN_HEADINGS = ['User', 'Project', 'Kind', 'Secret', 'Status', 'Actions']

export function mountRedcapPanel(section) {
  const secret = h('div', { class: 'secret-slot' })
  const requests = h('div')
  const tokens = h('div')
  const pids = h('datalist', { id: 'redcap-pids' })
  const users = h('datalist', { id: 'redcap-users' })
  const requestForm = formOf(
    'redcap-request',
    'Request a token',
    projectAndUser('redcap-request'),
    submit('Request token'),
  )
  const manageForm = formOf(
    'redcap-manage',
    "Regenerate or delete a user's token",
    projectAndUser('redcap-manage'),
    h(
      'div',
      { class: 'button-row' },
      submit('Regenerate'),
      h('button', { type: 'button', id: 'redcap-manage-delete' }, 'Delete token'),
    ),
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
  section.append(
    secret,
    h('h3', {}, 'Token requests'),
    requests,
    h('h3', {}, 'API tokens'),
    tokens,
    h('div', { class: 'forms' }, requestForm, manageForm, superForm),
    pids,
    users,
  )

  const tokenPath = (pid, username) =>
    `redcap/projects/${segment(pid)}/users/${segment(username)}/token`
  const revealToken = (title) => (reply) => {
    showSecret(secret, title, [{ label: 'API token', value: String(reply?.token ?? '') }])
    return `${title}.`
  }
  const regenerate = (control, pid, username) =>
    act(
      control,
      () => api(`${tokenPath(pid, username)}/regenerate`, { method: 'POST' }),
      revealToken(`New token for ${username} on project ${pid}`),
    )
  const remove = (control, pid, username) =>
    act(
      control,
      () => api(tokenPath(pid, username), { method: 'DELETE' }),
      `Deleted the token of ${username} on project ${pid}.`,
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
    void regenerate(event.submitter, form.get('pid'), form.get('username'))
  })
  const deleteButton = manageForm.querySelector('#redcap-manage-delete')
  deleteButton.addEventListener('click', () => {
    if (!manageForm.reportValidity()) return
    const form = new FormData(manageForm)
    void remove(deleteButton, form.get('pid'), form.get('username'))
  })
  onSubmit(
    superForm,
    (form) =>
      api('redcap/super-tokens', { method: 'POST', body: { username: form.get('username') } }),
    revealToken('Super token created'),
  )

  function requestRow(request) {
    const id = field(request, 'id', 'requestId', 'key')
    const pid = field(request, 'pid', 'projectId', 'project_id', 'project')
    const username = field(request, 'username', 'user', 'userName')
    const status = field(request, 'status') || 'pending'
    const decide = (verb, action) =>
      h(
        'button',
        {
          type: 'button',
          'data-key': `${action}:${id}`,
          'aria-label': `${verb} the token request of ${username} on project ${pid}`,
          onclick: (event) =>
            act(
              event.currentTarget,
              () => api(`redcap/token-requests/${segment(id)}/${action}`, { method: 'POST' }),
              action === 'approve'
                ? revealToken(`API token for ${username} on project ${pid}`)
                : `Rejected the token request of ${username}.`,
            ),
        },
        verb,
      )
    return row(REQUEST_HEADINGS, [
      id,
      pid,
      username,
      h('span', { class: `badge badge-${status}` }, status),
      status === 'pending'
        ? h(
            'div',
            { class: 'button-row' },
            decide('Approve', 'approve'),
            decide('Reject', 'reject'),
          )
        : '—',
    ])
  }

  function tokenRow(credential, now) {
    const pid = projectOf(credential)
    const status = credentialStatus(credential, now)
    const manageable = status !== 'revoked' && pid !== '' && !credential.kind.includes('super')
    const button = (verb, run) =>
      h(
        'button',
        {
          type: 'button',
          'data-key': `${verb}:${credential.id}`,
          'aria-label': `${verb} the token of ${credential.subject} on project ${pid}`,
          onclick: (event) => run(event.currentTarget, pid, credential.subject),
        },
        verb,
      )
    return row(TOKEN_HEADINGS, [
      credential.subject,
      pid || '—',
      credential.kind,
      h('code', {}, `${credential.secretPrefix}…`),
      h('span', { class: `badge badge-${status}` }, status),
      manageable
        ? h(
            'div',
            { class: 'button-row' },
            button('Regenerate', regenerate),
            button('Delete', remove),
          )
        : '—',
    ])
  }

  return {
    render(state, credentials) {
      const now = virtualNow()
      const list = listOf(state, [
        'tokenRequests',
        'token_requests',
        'requests',
        'apiTokenRequests',
      ])
      renderInto(
        requests,
        list.length === 0
          ? h('p', { class: 'empty' }, 'No token requests.')
          : table('REDCap token requests', REQUEST_HEADINGS, list.map(requestRow)),
      )
      const live = credentials.filter(
        (c) => c.provider === 'redcap' && credentialStatus(c, now) !== 'revoked',
      )
      renderInto(
        tokens,
        live.length === 0
          ? h('p', { class: 'empty' }, 'No live REDCap tokens.')
          : table(
              'REDCap API tokens',
              TOKEN_HEADINGS,
              live.map((c) => tokenRow(c, now)),
            ),
      )
      fillDatalist(pids, [
        ...listOf(state, ['projects']).map((p) =>
          field(p, 'pid', 'projectId', 'project_id', 'id', 'key'),
        ),
        ...list.map((r) => field(r, 'pid', 'projectId', 'project_id', 'project')),
      ])
      fillDatalist(users, [
        ...listOf(state, ['users']).map((u) => field(u, 'username', 'key', 'name')),
        ...list.map((r) => field(r, 'username', 'user')),
      ])
    },
  }
}

/** The two fields that name a token: project ID and username, with suggestions from the state. */
function projectAndUser(prefix) {
  return [
    textField(`${prefix}-pid`, 'Project ID', 'pid', { list: 'redcap-pids', inputmode: 'numeric' }),
    textField(`${prefix}-user`, 'Username', 'username', { list: 'redcap-users' }),
  ]
}

function projectOf(credential) {
  return field(credential.attributes, 'pid', 'projectId', 'project_id', 'project')
}
