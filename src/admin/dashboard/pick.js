// Defensive readers for `GET /_standin/state`: each provider decides its own snapshot's shape, so the
// dashboard looks for lists under a few likely names and never assumes more than it checks.

/** True for a plain JSON object. */
export function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * The first list found under one of `keys` in `section`: an array of objects, or an object whose
 * values are objects (then each item also gets `key`, the map key).
 */
export function listOf(section, keys) {
  if (!isObject(section)) return []
  for (const key of keys) {
    const value = section[key]
    if (Array.isArray(value)) return value.filter(isObject)
    if (isObject(value)) {
      const items = Object.entries(value).filter(([, item]) => isObject(item))
      if (items.length > 0 || Object.keys(value).length === 0)
        return items.map(([name, item]) => ({ key: name, ...item }))
    }
  }
  return []
}

/** The first of `names` that `item` has as a string or number, as a string; otherwise ''. */
export function field(item, ...names) {
  if (!isObject(item)) return ''
  for (const name of names) {
    const value = item[name]
    if (typeof value === 'string' && value !== '') return value
    if (typeof value === 'number') return String(value)
  }
  return ''
}

/** The first of `names` that `item` has as an object (a project's app, say), or undefined. */
export function child(item, ...names) {
  if (!isObject(item)) return undefined
  for (const name of names) if (isObject(item[name])) return item[name]
  return undefined
}
