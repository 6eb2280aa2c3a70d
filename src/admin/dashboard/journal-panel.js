// The live request journal: GET /_standin/requests to start, then every `request:end` from the
// event stream, newest first. Each refusal says why, its instants relative to the request; each
// row opens to what was sent and answered (secrets already redacted by standin).

import { api } from './api.js'
import { h } from './dom.js'
import { describeOutcome, formatTimeOfDay } from './format.js'

const MAX_ENTRIES = 200

export function mountJournalPanel() {
  const list = document.getElementById('journal-list')
  const refusedOnly = document.getElementById('journal-refused')
  const provider = document.getElementById('journal-provider')
  const outcome = document.getElementById('journal-outcome')
  const count = document.getElementById('journal-count')
  let entries = []

  for (const control of [refusedOnly, provider, outcome]) control.addEventListener('change', paint)
  document.getElementById('journal-clear').addEventListener('click', () => {
    entries = []
    paint()
  })

  function visible(entry) {
    return (
      (!refusedOnly.checked || entry.outcome !== 'ok') &&
      (provider.value === '' || entry.provider === provider.value) &&
      (outcome.value === '' || entry.outcome === outcome.value)
    )
  }

  function paint() {
    list.setAttribute('aria-busy', 'true')
    list.replaceChildren(...entries.filter(visible).map(entryItem))
    list.removeAttribute('aria-busy')
    count.textContent = String(entries.length)
  }

  return {
    async load() {
      const reply = await api(`requests?limit=${MAX_ENTRIES}`)
      entries = Array.isArray(reply?.requests) ? reply.requests : []
      paint()
    },
    add(entry) {
      if (entries.some((e) => e.id === entry.id)) return
      entries.unshift(entry)
      if (entries.length > MAX_ENTRIES) entries.length = MAX_ENTRIES
      if (visible(entry)) list.prepend(entryItem(entry))
      while (list.children.length > MAX_ENTRIES) list.lastElementChild.remove()
      count.textContent = String(entries.length)
    },
  }
}

function entryItem(entry) {
  const text = describeOutcome(entry)
  return h(
    'li',
    { class: `entry outcome-${entry.outcome}`, 'data-entry': entry.id },
    h(
      'div',
      { class: 'entry-line' },
      h('time', { datetime: entry.at }, formatTimeOfDay(entry.at)),
      h('span', { class: `badge badge-http-${String(entry.status).charAt(0)}xx` }, entry.status),
      h('span', { class: 'method' }, entry.method),
      h('code', { class: 'path' }, entry.path),
      h('span', { class: 'provider' }, entry.provider),
    ),
    text ? h('p', { class: 'why' }, text) : null,
    entry.request
      ? h(
          'details',
          { class: 'entry-detail' },
          h('summary', {}, 'Request and response'),
          h('h3', { class: 'detail-title' }, 'Request'),
          h('pre', {}, describeMessage(entry.request)),
          h('h3', { class: 'detail-title' }, `Response ${String(entry.status)}`),
          h('pre', {}, describeMessage(entry.response ?? {})),
        )
      : null,
  )
}

/** Query, headers and body preview as text: `name: value` lines, then the body. */
function describeMessage(message) {
  const lines = []
  const pairs = (record) =>
    Object.entries(record ?? {}).map(
      ([name, value]) => `${name}: ${Array.isArray(value) ? value.join(', ') : String(value)}`,
    )
  const query = pairs(message.query)
  if (query.length > 0) lines.push('Query', ...query.map((l) => `  ${l}`))
  lines.push('Headers', ...pairs(message.headers).map((l) => `  ${l}`))
  const body = message.body
  if (body) {
    const size = `${String(body.size)} bytes${body.truncated ? ', cut' : ''}`
    lines.push(`Body (${size})`)
    if (body.form) lines.push(...pairs(body.form).map((l) => `  ${l}`))
    if (body.text !== undefined && !body.form) lines.push(body.text)
    if (body.text === undefined && !body.form) lines.push(`  (${body.omitted ?? 'not kept'})`)
  }
  return lines.join('\n')
}
