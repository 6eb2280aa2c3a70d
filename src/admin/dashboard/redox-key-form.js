// The Redox panel's "Create an API key" form: a generated key pair (the private key shown once), a
// pasted public JWK or JWKS, or a JWKS URL, for the US or the Canada region.

import { api } from './api.js'
import { act, actionButton } from './actions.js'
import { downloadJson, downloadPostman, savePostmanFiles } from './download.js'
import { announce, h, labelled } from './dom.js'
import { formOf, submit, textField } from './forms.js'
import { isObject } from './pick.js'
import { showSecret } from './secret.js'

/** Members of a private JWK (RFC 7517 §9.3, RFC 7518 §6.3.2, §6.4.1): never sent as a public key. */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k']

/** The form; a created key's secrets go to `secret`. */
export function mountRedoxKeyForm(secret) {
  const source = (value, label, checked) =>
    h(
      'label',
      { class: 'choice' },
      h('input', { type: 'radio', name: 'source', value, checked }),
      ` ${label}`,
    )
  const jwk = h('textarea', { id: 'redox-create-jwk', name: 'jwk', rows: 5, spellcheck: 'false' })
  const jwksUrl = h('input', {
    id: 'redox-create-url',
    name: 'jwksUrl',
    type: 'url',
    autocomplete: 'off',
  })
  const jwkField = labelled(
    'Public JWK or JWKS (JSON)',
    jwk,
    'Private members are dropped before sending.',
  )
  const urlField = labelled('JWKS URL', jwksUrl)
  const createForm = formOf(
    'redox-create',
    'Create an API key',
    textField('redox-create-name', 'Name', 'name'),
    labelled(
      'Region',
      h(
        'select',
        { id: 'redox-create-region', name: 'region' },
        h('option', { value: 'us' }, 'US (api.redoxengine.com)'),
        h('option', { value: 'ca' }, 'Canada (api.ca.redoxengine.com)'),
      ),
    ),
    h(
      'fieldset',
      { class: 'choices' },
      h('legend', {}, 'Public key'),
      source('generate', 'Generate a key pair', true),
      source('jwk', 'Paste a JWK or JWKS'),
      source('url', 'Point to a JWKS URL'),
    ),
    jwkField,
    urlField,
    submit('Create API key'),
  )

  const chosen = () => new FormData(createForm).get('source')
  const showSource = () => {
    jwkField.hidden = chosen() !== 'jwk'
    urlField.hidden = chosen() !== 'url'
    jwk.required = chosen() === 'jwk'
    jwksUrl.required = chosen() === 'url'
  }
  createForm.addEventListener('change', showSource)
  showSource()

  createForm.addEventListener('submit', (event) => {
    event.preventDefault()
    void act(
      event.submitter,
      async () => {
        const form = new FormData(createForm)
        const body = { name: form.get('name'), region: form.get('region') }
        if (chosen() === 'jwk') body.jwks = publicJwks(String(form.get('jwk')))
        if (chosen() === 'url') body.jwksUrl = form.get('jwksUrl')
        const reply = await api('redox/api-keys', { method: 'POST', body })
        revealKey(reply)
        return reply
      },
      (reply) => `API key ${reply?.clientId ?? ''} created.`,
    )
  })

  function revealKey(reply) {
    const clientId = String(reply?.clientId ?? '')
    const items = [{ label: 'Client ID', value: clientId }]
    if (reply?.kid) items.push({ label: 'Key ID (kid)', value: String(reply.kid) })
    // The Postman environment of a generated key carries its private key, once (as Redox's does).
    const extras = [
      isObject(reply?.postman)
        ? h(
            'button',
            {
              type: 'button',
              onclick: () => {
                const n = savePostmanFiles(clientId, reply.postman)
                announce(`Downloaded ${n} Postman file${n === 1 ? '' : 's'}, with the private key.`)
              },
            },
            'Download Postman files',
          )
        : postmanButton(clientId, 'Download Postman files'),
    ]
    if (isObject(reply?.privateJwk)) {
      items.push({
        label: 'Private key (JWK)',
        value: JSON.stringify(reply.privateJwk, null, 2),
        multiline: true,
      })
      extras.unshift(
        h(
          'button',
          {
            type: 'button',
            onclick: () => downloadJson(`${clientId}.private.jwk.json`, reply.privateJwk),
          },
          'Download private key',
        ),
      )
    }
    showSecret(
      secret,
      reply?.privateJwk ? 'API key created with a generated key pair' : 'API key created',
      items,
      extras,
    )
  }

  return createForm
}

export function postmanButton(clientId, text) {
  return actionButton(
    text,
    { key: `postman:${clientId}`, label: `${text} for API key ${clientId}` },
    () => downloadPostman(clientId),
    (n) => `Downloaded ${n} Postman file${n === 1 ? '' : 's'}.`,
  )
}

/** `{ keys: [...] }` from a pasted JWK or JWKS, public members only. */
function publicJwks(text) {
  let parsed
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new Error(
      'The pasted key is not JSON: paste a JWK ({"kty": ...}) or a JWKS ({"keys": [...]}).',
    )
  }
  const keys = Array.isArray(parsed?.keys)
    ? parsed.keys
    : isObject(parsed) && parsed.kty
      ? [parsed]
      : undefined
  if (!keys || keys.length === 0 || !keys.every(isObject))
    throw new Error('The pasted JSON is neither a JWK (with "kty") nor a JWKS (with "keys").')
  return {
    keys: keys.map((key) =>
      Object.fromEntries(Object.entries(key).filter(([name]) => !PRIVATE_MEMBERS.includes(name))),
    ),
  }
}
