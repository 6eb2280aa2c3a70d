// Runs what a button or form asks of the control API: one call at a time per control, the outcome
// announced, errors shown in the alert region, and the page refreshed afterwards.

import { announce, h, showError } from './dom.js'

let refresh = async () => {}
const busy = new WeakSet()

/** What runs after every successful action (app.js sets it). */
export function setRefresh(fn) {
  refresh = fn
}

/**
 * `control` is marked busy rather than disabled, since disabling the focused button would drop the
 * keyboard focus to the top of the page.
 */
export async function act(control, run, message) {
  if (control && busy.has(control)) return undefined
  showError('')
  let result
  try {
    if (control) {
      busy.add(control)
      control.setAttribute('aria-busy', 'true')
    }
    result = await run()
  } catch (error) {
    showError(error instanceof Error ? error.message : String(error))
    return undefined
  } finally {
    if (control) {
      busy.delete(control)
      control.removeAttribute('aria-busy')
    }
  }
  const text = typeof message === 'function' ? message(result) : message
  if (text) announce(text)
  await refresh().catch((error) => showError(`Done, but the refresh failed: ${error.message}`))
  return result
}

/** Wires a form's submit to `act`, with the submit button as the busy control. */
export function onSubmit(form, run, message) {
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    void act(form.querySelector('[type="submit"]'), () => run(new FormData(form)), message)
  })
}

/**
 * A button that runs one control call: `key` keeps the focus on it across live updates, `label`
 * names it for screen readers (starting with the visible text).
 */
export function actionButton(text, { key, label }, run, message) {
  return h(
    'button',
    {
      type: 'button',
      'data-key': key,
      'aria-label': label,
      onclick: (event) => act(event.currentTarget, run, message),
    },
    text,
  )
}
