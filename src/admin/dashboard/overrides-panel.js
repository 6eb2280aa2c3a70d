// Overrides and stubs: GET /_standin/overrides lists what is queued, each removable
// (DELETE /_standin/overrides/{id}); the form queues one from its JSON (POST /_standin/overrides).

import { api, segment } from './api.js'
import { actionButton, onSubmit } from './actions.js'
import { h, renderInto, row, table } from './dom.js'

const HEADINGS = ['#', 'Provider', 'Matches', 'Does', 'Left', 'Source', '']

export function mountOverridesPanel() {
  const body = document.getElementById('overrides-body')

  onSubmit(
    document.getElementById('overrides-add'),
    async (form) => {
      let payload
      try {
        payload = JSON.parse(String(form.get('json')))
      } catch {
        throw new Error('The override is not valid JSON.')
      }
      const queued = await api('overrides', { method: 'POST', body: payload })
      await load()
      return queued
    },
    (queued) => `Queued override #${String(queued?.id ?? '')}.`,
  )

  async function load() {
    const reply = await api('overrides')
    const overrides = Array.isArray(reply?.overrides) ? reply.overrides : []
    if (overrides.length === 0) {
      renderInto(body, h('p', { class: 'muted' }, 'Nothing queued.'))
      return
    }
    renderInto(
      body,
      table(
        'Queued overrides and stubs',
        HEADINGS,
        overrides.map((o) =>
          row(HEADINGS, [
            String(o.id),
            o.provider ?? 'any',
            h('code', {}, matches(o)),
            does(o),
            o.sticky ? 'always' : `${String(o.remaining)} of ${String(o.times)}`,
            o.source,
            actionButton(
              'Remove',
              { key: `override-${String(o.id)}`, label: `Remove override ${String(o.id)}` },
              async () => {
                await api(`overrides/${segment(o.id)}`, { method: 'DELETE' })
                await load()
              },
              `Removed override #${String(o.id)}.`,
            ),
          ]),
        ),
      ),
    )
  }
  return { load }
}

function matches(o) {
  const parts = []
  if (o.path) parts.push(o.path)
  if (o.match) parts.push(JSON.stringify(o.match))
  return parts.length === 0 ? 'every request' : parts.join(' ')
}

function does(o) {
  const parts = []
  if (o.delayMs > 0) parts.push(`delay ${String(o.delayMs)} ms`)
  if (o.outcome) parts.push(`force ${o.outcome}`)
  if (o.respond) parts.push(`answer ${String(o.respond.status ?? 200)}`)
  return parts.join(', ')
}
