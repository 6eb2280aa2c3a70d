// Every credential standin issued (GET /_standin/tokens), its status and a live countdown in
// virtual time, with the two QA levers: Expire and Revoke.

import { api, segment } from './api.js'
import { actionButton } from './actions.js'
import { h, renderInto, row, table } from './dom.js'
import { credentialStatus, describeExpiry, formatInstant, relativeTo } from './format.js'
import { virtualNow } from './virtual-clock.js'

const HEADINGS = ['Credential', 'Subject', 'Expires', 'Status', 'Actions']
/** More rows than this would make the page slow under load tests; the newest are shown. */
const MAX_ROWS = 200

export function mountCredentialsPanel() {
  const body = document.getElementById('tokens-body')
  const filter = document.getElementById('tokens-filter')
  const byId = new Map()
  let painted = new Map()
  let pending

  filter.addEventListener('change', paint)

  function paint() {
    const now = virtualNow()
    const all = [...byId.values()].sort((a, b) => Date.parse(b.issuedAt) - Date.parse(a.issuedAt))
    const shown = all.filter((c) => filter.value === 'all' || credentialStatus(c, now) === 'active')
    painted = new Map(shown.map((c) => [c.id, credentialStatus(c, now)]))
    renderInto(
      body,
      shown.length === 0
        ? h(
            'p',
            { class: 'empty' },
            byId.size === 0 ? 'No credentials issued yet.' : 'No active credentials.',
          )
        : table(
            'Credentials',
            HEADINGS,
            shown.slice(0, MAX_ROWS).map((c) => credentialRow(c, now)),
          ),
      shown.length > MAX_ROWS
        ? h('p', { class: 'hint' }, `Showing the newest ${MAX_ROWS} of ${shown.length}.`)
        : null,
    )
  }

  /** Once a second: countdowns move; a credential whose expiry passed is repainted as expired. */
  function tick() {
    const now = virtualNow()
    for (const [id, status] of painted) {
      const credential = byId.get(id)
      if (credential && credentialStatus(credential, now) !== status) return paint()
    }
    for (const cell of body.querySelectorAll('[data-expires]'))
      cell.textContent = describeExpiry(cell.dataset.expires, now)
    for (const cell of body.querySelectorAll('[data-revoked]'))
      cell.textContent = `revoked ${relativeTo(Date.parse(cell.dataset.revoked), now)}`
  }

  return {
    render(tokens) {
      byId.clear()
      for (const token of tokens) byId.set(token.id, token)
      paint()
    },
    /** A token event; bursts (a load test) are painted once per frame. */
    upsert(token) {
      byId.set(token.id, token)
      pending ??= requestAnimationFrame(() => {
        pending = undefined
        paint()
      })
    },
    tick,
  }
}

function credentialRow(credential, now) {
  const status = credentialStatus(credential, now)
  const who = `${credential.kind} of ${credential.subject} (${credential.provider})`
  const lever = (verb, action) =>
    actionButton(
      verb,
      { key: `${action}:${credential.id}`, label: `${verb} ${who}` },
      () => api(`tokens/${segment(credential.id)}/${action}`, { method: 'POST' }),
      `${verb === 'Expire' ? 'Expired' : 'Revoked'} ${who}.`,
    )
  return row(
    HEADINGS,
    [
      [
        h('strong', {}, credential.provider),
        h(
          'span',
          { class: 'sub' },
          credential.kind,
          ' · ',
          h('code', {}, `${credential.secretPrefix}…`),
        ),
      ],
      [
        credential.subject,
        h('span', { class: 'sub' }, `issued ${formatInstant(credential.issuedAt)}`),
      ],
      expiryCell(credential, now),
      h('span', { class: `badge badge-${status}` }, status),
      h(
        'div',
        { class: 'button-row' },
        status === 'active' ? lever('Expire', 'expire') : null,
        status === 'revoked' ? '—' : lever('Revoke', 'revoke'),
      ),
    ],
    { 'data-credential': credential.id },
  )
}

function expiryCell(credential, now) {
  if (credential.revokedAt)
    return [
      h(
        'span',
        { 'data-revoked': credential.revokedAt },
        `revoked ${relativeTo(Date.parse(credential.revokedAt), now)}`,
      ),
      h('span', { class: 'sub' }, formatInstant(credential.revokedAt)),
    ]
  if (!credential.expiresAt) return 'never'
  return [
    h('span', { 'data-expires': credential.expiresAt }, describeExpiry(credential.expiresAt, now)),
    h('span', { class: 'sub' }, formatInstant(credential.expiresAt)),
  ]
}
