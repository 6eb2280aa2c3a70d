// The virtual clock: now (UTC), advance by fixed steps or any number of seconds, set, freeze, and
// back to real time. Every change goes through POST /_standin/clock.

import { api } from './api.js'
import { act, onSubmit } from './actions.js'
import { formatDuration, formatInstant } from './format.js'
import { isFrozen, onClockChange, setVirtualClock, virtualNow } from './virtual-clock.js'

export function mountClockPanel() {
  const now = document.getElementById('clock-now')
  const mode = document.getElementById('clock-mode')
  const status = document.getElementById('clock-status')
  const freeze = document.getElementById('clock-freeze')

  const move = (control, body, describe) =>
    act(control, async () => {
      const clock = await api('clock', { method: 'POST', body })
      setVirtualClock(clock)
      status.textContent = describe(clock)
      return clock
    })
  const advanced = (seconds) => (clock) =>
    `${seconds < 0 ? 'Moved back' : 'Advanced'} ${formatDuration(seconds * 1000)}: now ${formatInstant(clock.now)} UTC.`

  for (const button of document.querySelectorAll('[data-advance]')) {
    const seconds = Number(button.dataset.advance)
    button.addEventListener('click', () => move(button, { advance: seconds }, advanced(seconds)))
  }
  onSubmit(document.getElementById('clock-custom'), async (form) => {
    const seconds = Number(form.get('seconds'))
    if (!Number.isFinite(seconds)) throw new Error('Give the seconds as a number, e.g. 90 or -30.')
    const clock = await api('clock', { method: 'POST', body: { advance: seconds } })
    setVirtualClock(clock)
    status.textContent = advanced(seconds)(clock)
  })
  onSubmit(document.getElementById('clock-set'), async (form) => {
    const value = String(form.get('instant') ?? '')
    if (value === '') throw new Error('Choose a date and time to set the clock to.')
    const instant = new Date(`${value.length === 16 ? `${value}:00` : value}Z`)
    const clock = await api('clock', { method: 'POST', body: { set: instant.toISOString() } })
    setVirtualClock(clock)
    status.textContent = `Set: now ${formatInstant(clock.now)} UTC.`
  })
  freeze.addEventListener('click', () =>
    move(freeze, { freeze: !isFrozen() }, (clock) =>
      clock.frozen ? `Frozen at ${formatInstant(clock.now)} UTC.` : 'Running again.',
    ),
  )
  const real = document.getElementById('clock-real')
  real.addEventListener('click', () =>
    // The browser's clock stands in for real time: standin runs on the same machine.
    move(
      real,
      { set: new Date().toISOString() },
      (clock) => `Back to real time: ${formatInstant(clock.now)} UTC.`,
    ),
  )

  function paint() {
    const ms = virtualNow()
    if (Number.isNaN(ms)) return
    const iso = new Date(ms).toISOString()
    now.textContent = formatInstant(iso)
    now.dateTime = iso
    mode.textContent = isFrozen() ? 'frozen' : 'running'
    mode.className = `badge ${isFrozen() ? 'badge-frozen' : 'badge-running'}`
    freeze.setAttribute('aria-pressed', String(isFrozen()))
  }
  onClockChange(paint)
  return { tick: paint }
}
