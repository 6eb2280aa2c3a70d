/**
 * One exchange's two answers side by side: what the real service answered (the recording) and
 * what the simulation answers to the same request. Status, media type, the provider's error, then
 * the body's structure: JSON paths and types, CSV header row, XML element paths, text as text.
 */
import { XMLParser } from 'fast-xml-parser'
import { compareJson, show, type BodyDifference } from './json-shape.js'
import { isVolatileValue } from './volatile.js'

export interface Answer {
  readonly status: number
  readonly contentType: string | undefined
  /** The body as text, or undefined when it is binary. */
  readonly text: string | undefined
}

export function compareAnswers(recorded: Answer, simulated: Answer): BodyDifference[] {
  const realType = mediaType(recorded.contentType)
  const simType = mediaType(simulated.contentType)
  const realError = errorOf(realType, recorded.text)
  const simError = errorOf(simType, simulated.text)
  // Another status makes another body: say which, with the error each side gave.
  if (recorded.status !== simulated.status) {
    const said = (status: number, error: string | undefined) =>
      error === undefined ? String(status) : `${String(status)} ${error}`
    return [
      {
        kind: 'status',
        path: '',
        recorded: said(recorded.status, realError),
        simulated: said(simulated.status, simError),
      },
    ]
  }
  if (realType !== simType)
    return [{ kind: 'content-type', path: '', recorded: realType, simulated: simType }]
  if (realError !== undefined || simError !== undefined) {
    if (realError === simError) return []
    return [{ kind: 'error', path: '', recorded: realError ?? '', simulated: simError ?? '' }]
  }
  if (recorded.text === undefined || simulated.text === undefined) return []
  return compareBodies(realType, recorded.text, simulated.text)
}

/** `application/json; charset=UTF-8` → `application/json; charset=utf-8`; other parameters go. */
function mediaType(contentType: string | undefined): string {
  if (contentType === undefined) return 'none'
  const [type = '', ...params] = contentType.toLowerCase().split(';')
  const charset = params.map((p) => p.trim()).find((p) => p.startsWith('charset='))
  return charset ? `${type.trim()}; ${charset}` : type.trim()
}

function isJson(type: string): boolean {
  return /^application\/([\w.-]+\+)?json\b/.test(type)
}

function parseJson(text: string | undefined): { value: unknown } | undefined {
  if (text === undefined) return undefined
  try {
    return { value: JSON.parse(text) as unknown }
  } catch {
    return undefined
  }
}

/**
 * The provider's error, in whichever envelope it came: REDCap `{"error"}`, OAuth
 * `{"error","error_description"}`, Epicollect5 `{"errors":[{"code","title"}]}`, a FHIR
 * OperationOutcome's issues, or Redox Data Model `Meta.Errors`.
 */
export function errorOf(type: string, text: string | undefined): string | undefined {
  if (!isJson(type)) return undefined
  const body = parseJson(text)?.value as Record<string, unknown> | null | undefined
  if (typeof body !== 'object' || body === null) return undefined
  if (typeof body.error === 'string') {
    const description = body.error_description
    return typeof description === 'string' && description !== ''
      ? `${body.error}: ${description}`
      : body.error
  }
  if (Array.isArray(body.errors))
    return body.errors
      .map((e: { code?: unknown; title?: unknown }) => `${String(e.code)} ${String(e.title)}`)
      .join('; ')
  if (body.resourceType === 'OperationOutcome' && Array.isArray(body.issue)) {
    return body.issue
      .map((i: { severity?: unknown; code?: unknown; diagnostics?: unknown }) =>
        [i.severity, i.code, i.diagnostics].filter((x) => typeof x === 'string').join(' '),
      )
      .join('; ')
  }
  const meta = body.Meta as { Errors?: { Text?: unknown }[] } | undefined
  if (Array.isArray(meta?.Errors) && meta.Errors.length > 0)
    return meta.Errors.map((e) => String(e.Text)).join('; ')
  return undefined
}

function compareBodies(type: string, recorded: string, simulated: string): BodyDifference[] {
  if (isJson(type)) {
    const real = parseJson(recorded)
    const sim = parseJson(simulated)
    if (real && sim) return compareJson(real.value, sim.value)
  }
  // A one-line CSV or an XML type over plain text (REDCap's version, a count) is a value.
  const lines = (text: string) => text.trim().includes('\n')
  if (/^(text|application)\/csv\b/.test(type) && lines(recorded) && lines(simulated))
    return compareNames(csvHeader(recorded), csvHeader(simulated), true)
  const markup = (text: string) => text.trimStart().startsWith('<')
  if (/[/+]xml\b/.test(type) && markup(recorded) && markup(simulated))
    return compareNames(xmlPaths(recorded), xmlPaths(simulated), false)
  const a = recorded.trim()
  const b = simulated.trim()
  if (a === b || (isVolatileValue(a) && isVolatileValue(b))) return []
  return [{ kind: 'value', path: '', recorded: show(a), simulated: show(b) }]
}

/** The first record of a CSV text: its column names (quoted fields may hold commas). */
export function csvHeader(text: string): string[] {
  const names: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i)
    if (quoted && ch === '"' && text.charAt(i + 1) === '"') {
      field += '"'
      i++
    } else if (ch === '"') {
      quoted = !quoted
    } else if (!quoted && ch === ',') {
      names.push(field)
      field = ''
    } else if (!quoted && (ch === '\n' || ch === '\r')) {
      break
    } else {
      field += ch
    }
  }
  names.push(field)
  return names
}

/** Names one side has and the other lacks; for a CSV header, also their order. */
function compareNames(
  real: readonly string[],
  sim: readonly string[],
  ordered: boolean,
): BodyDifference[] {
  const out: BodyDifference[] = []
  for (const name of real)
    if (!sim.includes(name))
      out.push({ kind: 'missing', path: name, recorded: 'present', simulated: 'absent' })
  for (const name of sim)
    if (!real.includes(name))
      out.push({ kind: 'extra', path: name, recorded: 'absent', simulated: 'present' })
  if (ordered && out.length === 0 && real.join(',') !== sim.join(','))
    out.push({
      kind: 'value',
      path: '(order)',
      recorded: show(real.join(',')),
      simulated: show(sim.join(',')),
    })
  return out
}

/** Every element path in an XML text (`records/item/record_id`), attributes left out. */
export function xmlPaths(text: string): string[] {
  const parser = new XMLParser({ ignoreAttributes: true, processEntities: false })
  let root: unknown
  try {
    root = parser.parse(text)
  } catch {
    return []
  }
  const paths = new Set<string>()
  const stack: [unknown, string][] = [[root, '']]
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [node, path] = item
    if (Array.isArray(node)) for (const each of node) stack.push([each, path])
    else if (typeof node === 'object' && node !== null)
      for (const [name, child] of Object.entries(node)) {
        const next = path === '' ? name : `${path}/${name}`
        paths.add(next)
        stack.push([child, next])
      }
  }
  return [...paths].sort()
}
