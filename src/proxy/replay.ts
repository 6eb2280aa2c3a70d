/**
 * Replay: the recordings of one provider (read through the FixtureStore, parsed once per file),
 * the one that matches a request, and when none does, the closest one and how it differs, so the
 * journal can say why a replay missed.
 */
import type { FixtureStore } from '../core/fixtures.js'
import { fromBase64, utf8 } from './bytes.js'
import { requestKey, type Fixture } from './to-recording.js'
import {
  recordingSchema,
  type RecordedBody,
  type RecordedRequest,
  type RecordedResponse,
  type Recording,
} from './recording-format.js'

export const INDEX_FILE = 'index.md'

export interface LibraryEntry {
  readonly file: string
  readonly key: string
  readonly recording: Recording
}

export type ReplayLookup =
  | { readonly found: true; readonly entry: LibraryEntry }
  | { readonly found: false; readonly why: string }

export class RecordingLibrary {
  readonly #parsed = new Map<string, LibraryEntry | null>()

  constructor(private readonly fixtures: () => FixtureStore) {}

  /** Every valid recording in `target`; a file that is not one is skipped. */
  entries(target: string): LibraryEntry[] {
    const store = this.fixtures()
    const out: LibraryEntry[] = []
    for (const file of store.list(target)) {
      if (!file.endsWith('.json')) continue
      const path = `${target}/${file}`
      let entry = this.#parsed.get(path)
      if (entry === undefined) {
        entry = parseEntry(file, () => store.readText(path))
        this.#parsed.set(path, entry)
      }
      if (entry) out.push(entry)
    }
    return out
  }

  /** Writes a recording and the target's index. */
  write(target: string, fixture: Fixture): void {
    const store = this.fixtures()
    const path = `${target}/${fixture.file}`
    store.write(path, `${JSON.stringify(fixture.recording, null, 2)}\n`)
    this.#parsed.set(path, { file: fixture.file, key: fixture.key, recording: fixture.recording })
    store.write(`${target}/${INDEX_FILE}`, renderIndex(target, this.entries(target)))
  }

  find(target: string, request: RecordedRequest): ReplayLookup {
    const key = requestKey(request)
    const entries = this.entries(target)
    const entry = entries.find((e) => e.key === key)
    if (entry) return { found: true, entry }
    return { found: false, why: nearMiss(request, entries, target) }
  }
}

function parseEntry(file: string, read: () => string): LibraryEntry | null {
  try {
    const result = recordingSchema().safeParse(JSON.parse(read()))
    if (!result.success) return null
    return { file, key: requestKey(result.data.request), recording: result.data }
  } catch {
    return null
  }
}

/** "no recording of GET /echo/data?page=2 in recordings/echo; closest: get-echo-data-....json (query differs: page)" */
export function nearMiss(
  request: RecordedRequest,
  entries: readonly LibraryEntry[],
  target: string,
): string {
  const query =
    request.query.length > 0 ? `?${request.query.map((p) => p.join('=')).join('&')}` : ''
  const head = `no recording of ${request.method} ${request.mount}${request.path}${query} in ${target}`
  let best: { entry: LibraryEntry; score: number; differs: string[] } | undefined
  for (const entry of entries) {
    const other = entry.recording.request
    const differs: string[] = []
    let score = 0
    if (other.mount === request.mount) score += 8
    else differs.push(`mount ${other.mount}`)
    if (other.path === request.path) score += 4
    else {
      differs.push(`path ${other.path}`)
      score += commonPrefix(other.path, request.path) / 1000
    }
    if (other.method === request.method) score += 2
    else differs.push(`method ${other.method}`)
    const query = differingNames(other.query, request.query)
    if (query.length > 0) differs.push(`query differs: ${query.join(', ')}`)
    else score += 1
    const body = differingNames(pairsOf(other.body), pairsOf(request.body))
    if (body.length > 0) differs.push(`body differs: ${body.join(', ')}`)
    else if (JSON.stringify(other.body) !== JSON.stringify(request.body))
      differs.push('body differs')
    if (!best || score > best.score) best = { entry, score, differs }
  }
  if (!best) return `${head}, which has no recordings`
  return `${head}; closest: ${best.entry.file} (${best.differs.join('; ') || 'differs'})`
}

function commonPrefix(a: string, b: string): number {
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i]) i++
  return i
}

function pairsOf(body: RecordedBody | undefined): readonly (readonly [string, string])[] {
  if (body === undefined) return []
  if ('form' in body) return body.form
  if ('multipart' in body)
    return body.multipart.map((p) => [p.name, p.text ?? p.base64 ?? ''] as const)
  return []
}

/** Names whose values differ, or that only one side has. */
function differingNames(
  a: readonly (readonly [string, string])[],
  b: readonly (readonly [string, string])[],
): string[] {
  const names = new Set([...a, ...b].map(([k]) => k))
  const values = (pairs: readonly (readonly [string, string])[], name: string) =>
    JSON.stringify(pairs.filter(([k]) => k === name).map(([, v]) => v))
  return [...names].filter((name) => values(a, name) !== values(b, name))
}

export function recordedResponse(recorded: RecordedResponse): Response {
  const body = recorded.body === undefined ? null : bodyBytes(recorded.body)
  return new Response(body, { status: recorded.status, headers: recorded.headers })
}

function bodyBytes(body: RecordedBody): Uint8Array<ArrayBuffer> {
  if ('json' in body) return utf8(JSON.stringify(body.json))
  if ('text' in body) return utf8(body.text)
  if ('base64' in body) return fromBase64(body.base64)
  if ('form' in body) return utf8(new URLSearchParams(body.form.map(([k, v]) => [k, v])).toString())
  return utf8(body.multipart.map((p) => p.text ?? '').join('\n'))
}

export function renderIndex(target: string, entries: readonly LibraryEntry[]): string {
  const rows = entries.map((e) => {
    const r = e.recording.request
    const query = r.query.length > 0 ? `?${r.query.map((p) => p.join('=')).join('&')}` : ''
    const request = `${r.method} ${r.mount}${r.path}${query}`.replaceAll('|', '\\|')
    return `| ${e.file} | ${request} | ${String(e.recording.response.status)} |`
  })
  return [
    `# ${target}`,
    '',
    'Recorded exchanges; replay serves the one whose request matches. Secrets are {{placeholders}}.',
    '',
    '| file | request | status |',
    '| --- | --- | --- |',
    ...rows,
    '',
  ].join('\n')
}
