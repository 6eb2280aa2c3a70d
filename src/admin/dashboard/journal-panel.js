// The live request journal: GET /_standin/requests to start, then every `request:end` from the
// event stream, newest first. Each refusal says why, its instants relative to the request.

import { api } from './api.js'
import { h } from './dom.js'
import { describeOutcome, formatTimeOfDay } from './format.js'

const MAX_ENTRIES = 200

export function mountJournalPanel() {
  const list = document.getElementById('journal-list')
  const refusedOnly = document.getElementById('journal-refused')
  const count = document.getElementById('journal-count')
  let entries = []

  refusedOnly.addEventListener('change', paint)
  document.getElementById('journal-clear').addEventListener('click', () => {
    entries = []
    paint()
  })

  function visible(entry) {
    return !refusedOnly.checked || entry.outcome !== 'ok'
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
  )
}
