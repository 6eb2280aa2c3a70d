// The scenario picker (GET /_standin/scenarios, POST /_standin/scenario {name}), reset, the loaded
// scenario's scripted events with when each is due and whether it fired (GET /_standin/scenario),
// and "Save as scenario": the current world as a YAML file (GET /_standin/snapshot?format=yaml).

import { api, apiResponse } from './api.js'
import { saveBlob } from './download.js'
import { formatTimeOfDay } from './format.js'
import { act, onSubmit } from './actions.js'
import { h } from './dom.js'
import { field, isObject } from './pick.js'

export function mountScenarioPanel() {
  const current = document.getElementById('scenario-name')
  const select = document.getElementById('scenario-select')

  onSubmit(
    document.getElementById('scenario-form'),
    (form) => api('scenario', { method: 'POST', body: { name: String(form.get('name')) } }),
    (result) => `Loaded scenario ${result?.name ?? ''}.`,
  )
  const events = document.getElementById('scenario-events')
  const save = document.getElementById('scenario-save')
  save.addEventListener('click', () =>
    act(
      save,
      async () => {
        const response = await apiResponse('snapshot?format=yaml')
        saveBlob(`${loaded ?? 'snapshot'}.yaml`, await response.blob())
      },
      'Saved the current world as a scenario file.',
    ),
  )
  const reset = document.getElementById('scenario-reset')
  reset.addEventListener('click', () =>
    act(reset, () => api('reset', { method: 'POST' }), 'Reset to the loaded scenario.'),
  )

  /** The picker follows the loaded scenario only when that changes, never over a user's choice. */
  let loaded
  let followed

  async function loadEvents() {
    const reply = await api('scenario')
    const list = Array.isArray(reply?.events) ? reply.events : []
    events.replaceChildren(
      ...(list.length === 0
        ? [h('li', { class: 'muted' }, 'No scripted events.')]
        : list.map((e) =>
            h(
              'li',
              { class: e.firedAt ? 'event fired' : 'event' },
              h('strong', {}, e.name),
              ` ${e.trigger}: `,
              e.firedAt
                ? `fired at ${formatTimeOfDay(e.firedAt)}`
                : e.dueAt
                  ? `due at ${formatTimeOfDay(e.dueAt)}`
                  : `waiting (${String(e.seen ?? 0)} seen)`,
            ),
          )),
    )
  }

  async function load() {
    await loadEvents()
    const reply = await api('scenarios')
    const names = (Array.isArray(reply?.scenarios) ? reply.scenarios : [])
      .map((item) =>
        isObject(item)
          ? { name: field(item, 'name'), description: field(item, 'description') }
          : { name: String(item), description: '' },
      )
      .filter((item) => item.name !== '')
    const chosen = select.value
    select.replaceChildren(
      ...names.map((item) =>
        h('option', { value: item.name, title: item.description || undefined }, item.name),
      ),
    )
    if (names.some((item) => item.name === chosen)) select.value = chosen
    follow()
  }

  function follow() {
    if (loaded === followed || ![...select.options].some((o) => o.value === loaded)) return
    select.value = loaded
    followed = loaded
  }

  function render(state) {
    loaded = state.scenario ?? undefined
    current.textContent = state.scenario ?? 'unnamed'
    follow()
  }
  return { load, render, loadEvents }
}
