// The scenario picker (GET /_standin/scenarios, POST /_standin/scenario {name}) and reset.

import { api } from './api.js'
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
  const reset = document.getElementById('scenario-reset')
  reset.addEventListener('click', () =>
    act(reset, () => api('reset', { method: 'POST' }), 'Reset to the loaded scenario.'),
  )

  /** The picker follows the loaded scenario only when that changes, never over a user's choice. */
  let loaded
  let followed

  async function load() {
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
  return { load, render }
}
