/**
 * Every place standin writes down what happened, read back the way a user reads it: the journal
 * and its find/count answers (near misses included), the event stream, the snapshot in both
 * formats with its headers, the control plane's read routes the dashboard shows, the access log,
 * and recordings on disk.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { parse as parseYaml } from 'yaml'
import type { Served } from './served.js'

export type Places = Record<string, string>

/** Reads `/_standin/events` until `stop` is called; resolves with everything it received. */
export function listen(s: Served): { ready: Promise<void>; stop: () => Promise<string> } {
  const abort = new AbortController()
  let text = ''
  let opened: () => void = () => undefined
  const ready = new Promise<void>((resolve) => (opened = resolve))
  const reading = (async () => {
    const response = await s.control('/events', { signal: abort.signal })
    const reader = response.body?.getReader()
    const decoder = new TextDecoder()
    for (;;) {
      const chunk = await reader?.read()
      if (!chunk || chunk.done) return
      text += decoder.decode(chunk.value, { stream: true })
      if (text.includes('event: ready')) opened()
    }
  })().catch(() => undefined)
  return {
    ready,
    stop: async () => {
      // Events are written as they happen; give the stream a moment to flush the last ones.
      await new Promise((resolve) => setTimeout(resolve, 200))
      abort.abort()
      await reading
      return text
    },
  }
}

const headersOf = (response: Response) => JSON.stringify([...response.headers])

async function answer(response: Response): Promise<string> {
  return `${String(response.status)} ${headersOf(response)}\n${await response.text()}`
}

/** The journal's answers: the whole list, counts, finds and the near misses of finds that miss. */
export async function journalPlaces(s: Served): Promise<Places> {
  const post = async (path: string, matcher: unknown) =>
    answer(await s.control(path, { method: 'POST', body: JSON.stringify(matcher) }))
  const missing = [
    { path: '/redcap/api/', form: { content: 'nothing' } },
    { path: '/epicollect/**', headers: { authorization: 'Bearer nothing' } },
    {
      path: '/redox/**',
      query: { family: 'Nobody' },
      headers: { authorization: { contains: 'x' } },
    },
    { form: { token: { contains: 'x' }, client_secret: 'x', client_assertion: 'x', secret: 'x' } },
    { json: { secret: 'x', client_secret: 'x' } },
  ]
  const places: Places = {
    'GET /requests': await answer(await s.control('/requests')),
    'GET /requests?provider=redcap': await answer(await s.control('/requests?provider=redcap')),
    'POST /requests/find': await post('/requests/find', {}),
    'POST /requests/count': await post('/requests/count', { path: '/redcap/**' }),
  }
  for (const [i, matcher] of missing.entries())
    places[`POST /requests/find, near misses ${String(i + 1)}`] = await post(
      '/requests/find',
      matcher,
    )
  return places
}

/** The snapshot as JSON and YAML (its text, and the YAML parsed back), headers included. */
export async function snapshotPlaces(s: Served): Promise<Places> {
  const yaml = await s.control('/snapshot?format=yaml')
  const yamlText = await yaml.text()
  return {
    'GET /snapshot': await answer(await s.control('/snapshot')),
    'GET /snapshot?format=yaml': `${headersOf(yaml)}\n${yamlText}`,
    'GET /snapshot?format=yaml, parsed': JSON.stringify(parseYaml(yamlText)),
  }
}

/**
 * What the dashboard reads besides the journal. Routes whose answer shows a secret on purpose are
 * left out: an Epicollect5 app's own page shows its client secret, as Epicollect5's does.
 */
export async function controlPlaces(s: Served, redoxClientId: string): Promise<Places> {
  const places: Places = {}
  for (const path of [
    '/state',
    '/tokens',
    '/scenario',
    '/clock',
    '/routes',
    '/overrides',
    '/sessions',
    '/redcap/token-requests',
    '/epicollect/projects',
    '/redox/api-keys',
    `/redox/api-keys/${redoxClientId}`,
    `/redox/api-keys/${redoxClientId}/postman`,
  ])
    places[`GET ${path}`] = await answer(await s.control(path))
  return places
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

/** Every recording written under the served folder's `fixtures/recordings`. */
export function recordingPlaces(dir: string): Places {
  const places: Places = {}
  for (const file of filesUnder(join(dir, 'fixtures', 'recordings')))
    places[`recording ${file.slice(dir.length + 1)}`] = `${file}\n${readFileSync(file, 'utf8')}`
  return places
}
