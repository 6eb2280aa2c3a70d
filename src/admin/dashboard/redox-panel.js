// Redox's Developer page: OAuth API keys made from a pasted public JWK/JWKS, a JWKS URL, or a key
// pair standin generates (the private key shown once), their Postman files, and deletion.

import { api, segment } from './api.js'
import { actionButton } from './actions.js'
import { h, renderInto, row, table } from './dom.js'
import { field, listOf } from './pick.js'
import { mountRedoxKeyForm, postmanButton } from './redox-key-form.js'

const HEADINGS = ['Name', 'Client ID', 'Region', 'Public keys', 'Actions']

export function mountRedoxPanel(section) {
  const secret = h('div', { class: 'secret-slot' })
  const keys = h('div')
  section.append(
    secret,
    h('h3', {}, 'API keys'),
    keys,
    h('div', { class: 'forms' }, mountRedoxKeyForm(secret)),
  )

  function keyRow(key) {
    const clientId = field(key, 'clientId', 'client_id', 'id', 'key')
    const url = field(key, 'jwksUrl', 'jwks_url', 'jwksURL')
    const kids = Array.isArray(key.kids) ? key.kids : []
    const count = kids.length || (key.jwks?.keys ?? key.keys ?? []).length
    return row(HEADINGS, [
      field(key, 'name') || '—',
      h('code', {}, clientId),
      (field(key, 'region') || 'us').toUpperCase(),
      url
        ? ['JWKS URL ', h('code', {}, url)]
        : count === 0
          ? '—'
          : [
              `${count} JWK${count === 1 ? '' : 's'}`,
              kids.map((kid) => h('code', { class: 'sub' }, `kid ${kid.slice(0, 12)}…`)),
            ],
      h(
        'div',
        { class: 'button-row' },
        postmanButton(clientId, 'Postman files'),
        actionButton(
          'Delete',
          { key: `delete:${clientId}`, label: `Delete API key ${field(key, 'name') || clientId}` },
          () => api(`redox/api-keys/${segment(clientId)}`, { method: 'DELETE' }),
          `Deleted API key ${clientId}.`,
        ),
      ),
    ])
  }

  return {
    render(state) {
      const list = listOf(state, ['apiKeys', 'api_keys', 'keys', 'clients'])
      renderInto(
        keys,
        list.length === 0
          ? h('p', { class: 'empty' }, 'No API keys.')
          : table('Redox API keys', HEADINGS, list.map(keyRow)),
      )
    },
  }
}
