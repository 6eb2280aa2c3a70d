// Small, labelled form building blocks shared by the provider panels.

import { h, labelled } from './dom.js'

/** A titled form; its heading names it for screen readers. */
export function formOf(id, title, ...children) {
  return h(
    'form',
    { id, class: 'stack-form', 'aria-labelledby': `${id}-title` },
    h('h3', { id: `${id}-title` }, title),
    ...children,
  )
}

/** A required text input named `name`, with its label (and an optional hint). */
export function textField(id, label, name, props = {}, hint) {
  return labelled(
    label,
    h('input', {
      id,
      name,
      type: 'text',
      required: true,
      autocomplete: 'off',
      spellcheck: 'false',
      ...props,
    }),
    hint,
  )
}

/** Suggestions for a text input (`list` attribute), refreshed as the state changes. */
export function fillDatalist(datalist, values) {
  datalist.replaceChildren(
    ...[...new Set(values)].filter(Boolean).map((value) => h('option', { value })),
  )
}

export function submit(text) {
  return h('button', { type: 'submit', class: 'primary' }, text)
}
