// The dashboard's entry: mounts the panels, loads everything from the control API, then follows the
// event stream (GET /_standin/events). Provider panels appear only for providers in the state.

import { api, setAdminToken, whenUnauthorized } from './api.js'
import { setRefresh } from './actions.js'
import { mountClockPanel } from './clock-panel.js'
import { mountCredentialsPanel } from './credentials-panel.js'
import { showError } from './dom.js'
import { followEvents } from './event-stream.js'
import { mountEpicollectPanel } from './epicollect-panel.js'
import { mountJournalPanel } from './journal-panel.js'
import { mountOverridesPanel } from './overrides-panel.js'
import { isObject } from './pick.js'
import { mountRedcapPanel } from './redcap-panel.js'
import { mountRedoxPanel } from './redox-panel.js'
import { mountRoutesPanel } from './routes-panel.js'
import { mountScenarioPanel } from './scenario-panel.js'
import { setVirtualClock } from './virtual-clock.js'

const PROVIDER_PANELS = {
  redcap: mountRedcapPanel,
  epicollect: mountEpicollectPanel,
  redox: mountRedoxPanel,
}
/** Token events come in bursts (a load test); the state is fetched at most this often. */
const REFRESH_DELAY_MS = 300

const clock = mountClockPanel()
const scenario = mountScenarioPanel()
const credentials = mountCredentialsPanel()
const journal = mountJournalPanel()
const routes = mountRoutesPanel()
const overrides = mountOverridesPanel()
const providerPanels = new Map()
let tokens = []
let refreshTimer

async function refresh() {
  const [state, reply] = await Promise.all([api('state'), api('tokens')])
  tokens = Array.isArray(reply?.tokens) ? reply.tokens : []
  setVirtualClock(state.clock)
  scenario.render(state)
  credentials.render(tokens)
  const providers = isObject(state.providers) ? state.providers : {}
  renderProviders(providers)
  routes.setProviders(Object.keys(providers))
  document.body.dataset.ready = 'true'
}

function renderProviders(providers) {
  for (const [id, mount] of Object.entries(PROVIDER_PANELS)) {
    const present = id in providers
    const section = document.getElementById(`${id}-panel`)
    section.hidden = !present
    document.querySelector(`a[href="#${id}-panel"]`).parentElement.hidden = !present
    if (!present) continue
    if (!providerPanels.has(id)) providerPanels.set(id, mount(section))
    providerPanels.get(id).render(providers[id] ?? {}, tokens)
  }
}

function scheduleRefresh() {
  refreshTimer ??= setTimeout(() => {
    refreshTimer = undefined
    refresh().catch(reportLoadError)
  }, REFRESH_DELAY_MS)
}

function reload() {
  const loads = [refresh(), journal.load(), routes.load(), scenario.load(), overrides.load()]
  return Promise.all(loads).catch(reportLoadError)
}

function reportLoadError(error) {
  showError(
    `Failed to load from standin: ${error instanceof Error ? error.message : String(error)}`,
  )
}

function follow() {
  const live = document.getElementById('live')
  const say = (text, on) => {
    live.textContent = text
    live.className = `live ${on ? 'live-on' : 'live-off'}`
  }
  let opened = false
  const onToken = (token) => {
    tokens = [...tokens.filter((t) => t.id !== token.id), token]
    credentials.upsert(token)
    scheduleRefresh()
  }
  const handlers = {
    ready: (data) => {
      setVirtualClock(data.clock)
      say('Live', true)
      // After a reconnect, fetch what happened while the stream was down.
      if (opened) void reload()
      opened = true
    },
    'request:end': (entry) => {
      journal.add(entry)
      // A forced or stubbed answer used up a shot of a queued override.
      if (entry.outcome === 'forced' || entry.outcome === 'stubbed') void overrides.load()
    },
    'scenario:event': () => void scenario.loadEvents(),
    'token:issued': onToken,
    'token:changed': onToken,
    'clock:changed': (snapshot) => setVirtualClock(snapshot),
    'scenario:loaded': () => {
      scheduleRefresh()
      void overrides.load()
      void scenario.loadEvents()
    },
  }
  return followEvents({
    on: (name, data) => handlers[name]?.(data),
    onDown: (unauthorized) => say(unauthorized ? 'Needs the admin token' : 'Reconnecting…', false),
  })
}

/** Asks for the admin token when the control plane wants one, then starts over with it. */
function askForToken(stream) {
  const form = document.getElementById('admin-token-form')
  whenUnauthorized(() => {
    if (!form.hidden) return
    form.hidden = false
    form.querySelector('input').focus()
  })
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    setAdminToken(String(new FormData(form).get('token')))
    form.reset()
    form.hidden = true
    showError('')
    void reload()
    stream.restart()
  })
}

setRefresh(refresh)
document.getElementById('refresh').addEventListener('click', () => void reload())
setInterval(() => {
  clock.tick()
  credentials.tick()
}, 1000)
askForToken(follow())
void reload()
