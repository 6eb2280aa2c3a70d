// Files the browser saves: JSON built here (a private key) or fetched from the control API (the
// Postman files of a Redox API key).

import { apiResponse, segment } from './api.js'
import { isObject } from './pick.js'

export function downloadJson(name, data) {
  saveBlob(name, new Blob([`${JSON.stringify(data, null, 2)}\n`], { type: 'application/json' }))
}

/**
 * Saves what `GET /_standin/redox/api-keys/{clientId}/postman` returns: a collection and an
 * environment become two files; any other JSON or file is saved as it came.
 */
export async function downloadPostman(clientId) {
  const response = await apiResponse(`redox/api-keys/${segment(clientId)}/postman`)
  const type = response.headers.get('content-type') ?? ''
  const named = fileNameOf(response.headers.get('content-disposition'))
  if (!type.includes('json')) {
    saveBlob(named ?? `${clientId}.postman.json`, await response.blob())
    return 1
  }
  return savePostmanFiles(clientId, await response.json(), named)
}

/** Saves `{collection, environment}` as two files (anything else as one); returns how many. */
export function savePostmanFiles(clientId, data, name = `${clientId}.postman.json`) {
  const parts = postmanParts(clientId, data)
  for (const part of parts) downloadJson(part.name, part.data)
  if (parts.length === 0) downloadJson(name, data)
  return Math.max(parts.length, 1)
}

function postmanParts(clientId, data) {
  if (!isObject(data)) return []
  const parts = []
  if (isObject(data.collection))
    parts.push({ name: `${clientId}.postman_collection.json`, data: data.collection })
  if (isObject(data.environment))
    parts.push({ name: `${clientId}.postman_environment.json`, data: data.environment })
  return parts
}

function fileNameOf(disposition) {
  const match = /filename="?([^";]+)"?/i.exec(disposition ?? '')
  return match ? match[1] : undefined
}

export function saveBlob(name, blob) {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = name
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
