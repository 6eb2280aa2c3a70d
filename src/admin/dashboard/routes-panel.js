// Route modes (GET/PUT /_standin/routes): mock, proxy, record or replay per provider and path. The
// reply's shape is the server's; the dashboard changes one mode in it and sends the whole back.

import { api } from './api.js'
import { act } from './actions.js'
import { h, renderInto, row, table } from './dom.js'
import { field, isObject } from './pick.js'

const MODES = ['mock', 'proxy', 'record', 'replay']
const HEADINGS = ['Provider', 'Route', 'Upstream', 'Mode']

export function mountRoutesPanel() {
  const body = document.getElementById('routes-body')

  async function load() {
    const reply = await api('routes')
    const rules = rulesOf(reply)
    renderInto(
      body,
      rules.length === 0
        ? h('p', { class: 'empty' }, 'No route rules: every route is simulated (mock).')
        : table(
            'Route modes',
            HEADINGS,
            rules.map((rule, i) => ruleRow(reply, rule, i, load)),
          ),
    )
  }
  return { load }
}

/** The rules in a reply that is a list, or an object holding one under `routes`/`rules`. */
function rulesOf(reply) {
  if (Array.isArray(reply)) return reply.map((rule, index) => ({ rule, path: [index] }))
  for (const key of ['routes', 'rules', 'modes']) {
    const value = reply?.[key]
    if (Array.isArray(value)) return value.map((rule, index) => ({ rule, path: [key, index] }))
    if (isObject(value))
      return Object.entries(value).map(([name, rule]) => ({
        rule: isObject(rule) ? { pattern: name, ...rule } : { pattern: name, mode: rule },
        path: isObject(rule) ? [key, name] : [key, name, null],
      }))
  }
  return []
}

function ruleRow(reply, { rule, path }, index, reload) {
  const id = `route-mode-${index}`
  const mode = field(rule, 'mode') || 'mock'
  const label = [field(rule, 'provider'), field(rule, 'pattern', 'path', 'route', 'match')]
    .filter(Boolean)
    .join(' ')
  const select = h(
    'select',
    {
      id,
      'data-key': id,
      'aria-label': `Mode of ${label || `rule ${index + 1}`}`,
      onchange: () =>
        act(
          select,
          async () => {
            await api('routes', { method: 'PUT', body: withMode(reply, path, select.value) })
            await reload()
          },
          `${label || 'Route'} now ${select.value}.`,
        ),
    },
    [...new Set([...MODES, mode])].map((m) => h('option', { value: m, selected: m === mode }, m)),
  )
  return row(HEADINGS, [
    field(rule, 'provider') || '—',
    field(rule, 'pattern', 'path', 'route', 'match') || '—',
    field(rule, 'upstream', 'target') || '—',
    select,
  ])
}

/** A copy of the reply with one rule's mode changed (a trailing `null`: the map value is the mode). */
function withMode(reply, path, mode) {
  const copy = structuredClone(reply)
  const bare = path.at(-1) === null
  const steps = bare ? path.slice(0, -1) : path
  let parent = copy
  for (const step of steps.slice(0, -1)) parent = parent[step]
  const key = steps.at(-1)
  parent[key] = bare ? mode : { ...parent[key], mode }
  return copy
}
