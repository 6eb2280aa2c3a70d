// Route modes: `GET /_standin/routes` answers `{routes: [{provider, path, mode}], upstreams}` and
// `PUT /_standin/routes` with `{routes}` replaces the rules. A provider path no rule matches is
// simulated (mock); proxy and record need the provider's upstream in standin.config.

import { api } from './api.js'
import { act, actionButton, onSubmit } from './actions.js'
import { h, renderInto, row, table } from './dom.js'
import { field, isObject } from './pick.js'

const MODES = ['mock', 'proxy', 'record', 'replay']
const HEADINGS = ['Provider', 'Path', 'Upstream', 'Mode', 'Actions']

export function mountRoutesPanel() {
  const body = document.getElementById('routes-body')
  const form = document.getElementById('routes-add')
  const providerSelect = document.getElementById('routes-provider')
  let rules = []
  let upstreams = []

  /** Sends the whole rule list with one change, as PUT /_standin/routes expects. */
  const put = (next) => api('routes', { method: 'PUT', body: { routes: next } })

  onSubmit(
    form,
    async (data) => {
      const rule = {
        provider: String(data.get('provider')),
        path: String(data.get('path') || '/**'),
        mode: String(data.get('mode')),
      }
      await put([...rules, rule])
      await load()
      return rule
    },
    (rule) => `${rule.provider} ${rule.path} now ${rule.mode}.`,
  )

  function ruleRow(rule, index) {
    const label = `${rule.provider} ${rule.path}`
    const select = h(
      'select',
      {
        id: `route-mode-${index}`,
        'data-key': `mode:${index}`,
        'aria-label': `Mode of ${label}`,
        onchange: () =>
          act(
            select,
            async () => {
              await put(rules.map((r, i) => (i === index ? { ...r, mode: select.value } : r)))
              await load()
            },
            `${label} now ${select.value}.`,
          ),
      },
      [...new Set([...MODES, rule.mode])].map((m) =>
        h('option', { value: m, selected: m === rule.mode }, m),
      ),
    )
    const upstream = upstreams.filter((u) => u.provider === rule.provider).map((u) => u.url)
    return row(HEADINGS, [
      rule.provider,
      h('code', {}, rule.path),
      upstream.length > 0 ? upstream.join(', ') : h('span', { class: 'muted' }, 'none'),
      select,
      actionButton(
        'Remove',
        { key: `remove:${index}`, label: `Remove the rule for ${label}` },
        async () => {
          await put(rules.filter((_, i) => i !== index))
          await load()
        },
        `Removed the rule for ${label}; it is simulated again.`,
      ),
    ])
  }

  async function load() {
    const reply = await api('routes')
    rules = (Array.isArray(reply?.routes) ? reply.routes : []).filter(isObject).map((r) => ({
      provider: field(r, 'provider'),
      path: field(r, 'path') || '/**',
      mode: field(r, 'mode') || 'mock',
    }))
    upstreams = (Array.isArray(reply?.upstreams) ? reply.upstreams : [])
      .filter(isObject)
      .map((u) => ({
        provider: field(u, 'provider'),
        url: field(u, 'url'),
      }))
    renderInto(
      body,
      rules.length === 0
        ? h('p', { class: 'empty' }, 'No rules: every route is simulated (mock).')
        : table('Route modes', HEADINGS, rules.map(ruleRow)),
      upstreams.length === 0
        ? h(
            'p',
            { class: 'hint' },
            'No upstreams are configured, so proxy and record are not available.',
          )
        : null,
    )
  }

  return {
    load,
    /** The providers a new rule may name: those in the state. */
    setProviders(ids) {
      const chosen = providerSelect.value
      providerSelect.replaceChildren(...ids.map((id) => h('option', { value: id }, id)))
      if (ids.includes(chosen)) providerSelect.value = chosen
    },
  }
}
