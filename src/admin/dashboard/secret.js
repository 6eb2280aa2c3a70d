// A secret standin shows once (an approved REDCap token, an Epicollect5 client secret, a generated
// Redox private key): read-only fields with copy buttons, focused so keyboard users land on it.

import { h } from './dom.js'
import { announce } from './dom.js'

let counter = 0

/** Replaces `container`'s content with the secret box; `items` are `{ label, value }`. */
export function showSecret(container, title, items, ...extras) {
  const id = `secret-${++counter}`
  const heading = h('h3', { id, tabindex: '-1' }, title)
  const box = h(
    'div',
    { class: 'secret', role: 'region', 'aria-labelledby': id },
    heading,
    h('p', { class: 'hint' }, 'Shown once: standin will not show it again. Copy it now.'),
    items.map((item, i) => secretField(`${id}-${i}`, item)),
    h(
      'div',
      { class: 'button-row' },
      extras,
      h('button', { type: 'button', onclick: () => container.replaceChildren() }, 'Dismiss'),
    ),
  )
  container.replaceChildren(box)
  heading.focus()
}

function secretField(id, { label, value, multiline }) {
  const field = multiline
    ? h('textarea', { id, readonly: true, rows: 6, spellcheck: 'false' })
    : h('input', { id, readonly: true, spellcheck: 'false', autocomplete: 'off' })
  field.value = value
  return h(
    'div',
    { class: 'field secret-field' },
    h('label', { for: id }, label),
    h(
      'div',
      { class: 'copy-row' },
      field,
      h(
        'button',
        { type: 'button', onclick: () => copy(field, label), 'aria-label': `Copy ${label}` },
        'Copy',
      ),
    ),
  )
}

async function copy(field, label) {
  try {
    await navigator.clipboard.writeText(field.value)
  } catch {
    // No clipboard API (a non-local address is not a secure context): select and copy.
    field.select()
    document.execCommand('copy')
  }
  announce(`${label} copied.`)
}
