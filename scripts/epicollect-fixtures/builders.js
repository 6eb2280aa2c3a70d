// Building blocks for Epicollect5 project definitions: refs in the server's shape (a 32-hex project
// ref, then `_` and a 13-hex `uniqid()` per level) and inputs with every key the server stores.

/** Refs and choices from one seeded random, so every run writes the same bytes. */
export class RefMaker {
  /** @param {import('../../dist/core/random.js').Random} random @param {number} epochSeconds */
  constructor(random, epochSeconds) {
    this.random = random
    this.seconds = epochSeconds
  }

  projectRef() {
    return this.random.hex(32)
  }

  /** PHP uniqid(): 8 hex digits of seconds and 5 of microseconds. */
  uniqid() {
    this.seconds += this.random.int(1, 40)
    const micro = this.random.int(0, 999_999)
    return `${this.seconds.toString(16).padStart(8, '0')}${micro.toString(16).padStart(5, '0')}`
  }

  child(parentRef) {
    return `${parentRef}_${this.uniqid()}`
  }
}

/** An input with the full key set of a stored definition (ProjectDefinitionGenerator.php). */
export function input(ref, type, question, extra = {}) {
  return {
    max: null,
    min: null,
    ref,
    type,
    group: [],
    jumps: [],
    regex: null,
    branch: [],
    verify: false,
    default: '',
    is_title: false,
    question,
    uniqueness: 'none',
    is_required: false,
    datetime_format: null,
    possible_answers: [],
    set_to_current_datetime: false,
    ...extra,
  }
}

/** A question with possible answers; returns the input and a lookup from answer text to ref. */
export function choice(refs, ref, type, question, answers, extra = {}) {
  const possible = answers.map((answer) => ({ answer, answer_ref: refs.uniqid() }))
  const byText = Object.fromEntries(possible.map((p) => [p.answer, p.answer_ref]))
  return { input: input(ref, type, question, { possible_answers: possible, ...extra }), byText }
}

export function form(ref, name, inputs) {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
  return { ref, name, slug, type: 'hierarchy', inputs }
}

export function project(ref, fields, forms) {
  return {
    id: ref,
    type: 'project',
    project: {
      ref,
      name: fields.name,
      slug: fields.slug,
      forms,
      access: fields.access,
      status: fields.status ?? 'active',
      category: fields.category,
      homepage: '',
      logo_url: '',
      created_at: fields.createdAt,
      visibility: fields.visibility ?? 'listed',
      description: fields.description,
      entries_limits: [],
      can_bulk_upload: 'nobody',
      small_description: fields.smallDescription,
    },
  }
}

const pad = (n, width = 2) => String(n).padStart(width, '0')

/** `Y-m-d H:i:s` in UTC. */
export function mysqlTime(ms) {
  const d = new Date(ms)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(
    d.getUTCHours(),
  )}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
}

/** What the apps send as `created_at`: ISO with real milliseconds. */
export function deviceTime(ms) {
  return new Date(ms).toISOString()
}

/** Date and time answers as the apps store them (`Y-m-d\T00:00:00.000`, `...\TH:i:00.000`). */
export function dateAnswer(ms) {
  return `${deviceTime(ms).slice(0, 10)}T00:00:00.000`
}

export function timeAnswer(ms) {
  return `${deviceTime(ms).slice(0, 16)}:00.000`
}

export function pick(random, list) {
  return list[random.int(0, list.length - 1)]
}

/** A few distinct items of `list`, in list order. */
export function some(random, list, min, max) {
  const n = random.int(min, max)
  const chosen = new Set()
  while (chosen.size < Math.min(n, list.length)) chosen.add(random.int(0, list.length - 1))
  return [...chosen].sort((a, b) => a - b).map((i) => list[i])
}

export function decimal(random, min, max, places) {
  return (min + random.next() * (max - min)).toFixed(places)
}

export function location(random, lat, lng, spread) {
  return {
    latitude: Number((lat + (random.next() - 0.5) * spread).toFixed(6)),
    longitude: Number((lng + (random.next() - 0.5) * spread).toFixed(6)),
    accuracy: random.int(3, 25),
  }
}

export const NO_LOCATION = { latitude: '', longitude: '', accuracy: '' }

/**
 * A table as fixtures store it, one row per line so diffs stay readable.
 * @param {Record<string, unknown>} head @param {string[]} columns @param {unknown[][]} rows
 */
export function table(head, columns, rows) {
  const start = JSON.stringify({ ...head, columns }).slice(0, -1)
  return `${start},"rows":[\n${rows.map((row) => JSON.stringify(row)).join(',\n')}\n]}`
}
