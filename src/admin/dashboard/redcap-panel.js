// REDCap's token lifecycle as the project's API page and the Control Center show it: requests to
// approve or reject, live tokens to regenerate or delete, and super tokens.

import { api, segment } from './api.js'
import { actionButton } from './actions.js'
import { h, renderInto, row, table } from './dom.js'
import { credentialStatus } from './format.js'
import { field, listOf } from './pick.js'
import { mountRedcapForms } from './redcap-forms.js'
import { tokenOperations } from './redcap-tokens.js'
import { virtualNow } from './virtual-clock.js'

const REQUEST_HEADINGS = ['Request', 'Project', 'User', 'Status', 'Actions']
const TOKEN_HEADINGS = ['User', 'Project', 'Kind', 'Secret', 'Status', 'Actions']
const PROJECT_ID = ['pid', 'projectId', 'project_id', 'project']

export function mountRedcapPanel(section) {
  const secret = h('div', { class: 'secret-slot' })
  const requests = h('div')
  const tokens = h('div')
  const operations = tokenOperations(secret)
  const forms = mountRedcapForms(operations)
  section.append(
    secret,
    h('h3', {}, 'Token requests'),
    requests,
    h('h3', {}, 'API tokens'),
    tokens,
    forms.element,
  )

  function requestRow(request) {
    const id = field(request, 'id', 'requestId', 'key')
    const pid = field(request, ...PROJECT_ID)
    const username = field(request, 'username', 'user', 'userName')
    const status = field(request, 'status') || 'pending'
    const decide = (verb, action, message) =>
      actionButton(
        verb,
        {
          key: `${action}:${id}`,
          label: `${verb} the token request of ${username} on project ${pid}`,
        },
        () => api(`redcap/token-requests/${segment(id)}/${action}`, { method: 'POST' }),
        message,
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
            decide(
              'Approve',
              'approve',
              operations.reveal(`API token for ${username} on project ${pid}`),
            ),
            decide('Reject', 'reject', `Rejected the token request of ${username}.`),
          )
        : '—',
    ])
  }

  function tokenRow(credential, now) {
    const pid = field(credential.attributes, ...PROJECT_ID)
    const username = credential.subject
    const status = credentialStatus(credential, now)
    const manageable = status !== 'revoked' && pid !== '' && !credential.kind.includes('super')
    const lever = (verb, operation) =>
      h(
        'button',
        {
          type: 'button',
          'data-key': `${verb}:${credential.id}`,
          'aria-label': `${verb} the token of ${username} on project ${pid}`,
          onclick: (event) => operation(event.currentTarget, pid, username),
        },
        verb,
      )
    return row(TOKEN_HEADINGS, [
      username,
      pid || '—',
      credential.kind,
      h('code', {}, `${credential.secretPrefix}…`),
      h('span', { class: `badge badge-${status}` }, status),
      manageable
        ? h(
            'div',
            { class: 'button-row' },
            lever('Regenerate', operations.regenerate),
            lever('Delete', operations.remove),
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
      forms.suggest(
        [
          ...listOf(state, ['projects']).map((p) => field(p, ...PROJECT_ID, 'id', 'key')),
          ...list.map((r) => field(r, ...PROJECT_ID)),
        ],
        [
          ...listOf(state, ['users']).map((u) => field(u, 'username', 'key', 'name')),
          ...list.map((r) => field(r, 'username', 'user')),
        ],
      )
    },
  }
}
