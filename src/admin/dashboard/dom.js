// A few DOM helpers. Everything is built with createElement and text nodes, never innerHTML, so
// values from providers (usernames, paths, reasons) always render as text.

/** h('button', { type: 'button', onclick }, 'Expire'): attributes, `on*` listeners, children. */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag)
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value)
    } else if (name === 'class') {
      element.className = value
    } else if (name === 'value') {
      element.value = value
    } else {
      element.setAttribute(name, value === true ? '' : String(value))
    }
  }
  element.append(...flatten(children))
  return element
}

function flatten(children) {
  const out = []
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue
    out.push(child instanceof Node ? child : String(child))
  }
  return out
}

/**
 * Replaces a container's children and puts the focus back on the element with the same `data-key`
 * when it was inside, so a live update never throws a keyboard user back to the top of the page.
 */
export function renderInto(container, ...children) {
  const active = document.activeElement
  const key = active && container.contains(active) ? active.dataset.key : undefined
  container.replaceChildren(...flatten(children))
  if (key) container.querySelector(`[data-key="${CSS.escape(key)}"]`)?.focus()
}

/** A polite announcement for screen readers (the visible status line in the header). */
export function announce(message) {
  const region = document.getElementById('announcer')
  region.textContent = ''
  // A fresh text node after clearing makes screen readers repeat an identical message.
  requestAnimationFrame(() => {
    region.textContent = message
  })
}

/** Shows an error in the alert region (announced at once) or clears it with ''. */
export function showError(message) {
  const region = document.getElementById('error')
  region.textContent = message
  region.hidden = message === ''
}

/** A label and a control, associated by id. */
export function labelled(text, control, hint) {
  const hintId = hint ? `${control.id}-hint` : undefined
  if (hintId) control.setAttribute('aria-describedby', hintId)
  return h(
    'div',
    { class: 'field' },
    h('label', { for: control.id }, text),
    control,
    hint ? h('p', { id: hintId, class: 'hint' }, hint) : null,
  )
}

/** A table whose cells read as "Label: value" cards on a narrow window. */
export function table(caption, headings, rows) {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      {},
      h('caption', { class: 'visually-hidden' }, caption),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          headings.map((text) => h('th', { scope: 'col' }, text)),
        ),
      ),
      h('tbody', {}, rows),
    ),
  )
}

/** A row of cells, each labelled by its column for the narrow layout. */
export function row(headings, cells, props = {}) {
  return h(
    'tr',
    props,
    // One wrapper per cell, so the narrow layout's label and value stay two grid items.
    cells.map((cell, i) => h('td', { 'data-label': headings[i] }, h('div', {}, cell))),
  )
}
