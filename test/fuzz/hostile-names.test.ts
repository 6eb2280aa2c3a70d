/**
 * Traversal names and YAML alias bombs, the cases of the fuzz suite that the control-plane guard
 * answers (scenario names restricted to the library, alias expansion bounded). Rename to
 * `hostile-names.test.ts` once that guard is in: before it, `../package` still reads a file.
 */
import { describe, expect, it } from 'vitest'
import { providers } from '../../src/providers/index.js'
import { createTestStandin } from '../../src/testing/index.js'
import { withinBound } from './bound.js'
import * as envelope from './envelopes.js'

const ANSWER_BOUND_MS = 2_000
const JSON_TYPE = { 'content-type': 'application/json' }

/** Each level holds nine aliases of the one below: nine levels expand to 387 million strings. */
function aliasBomb(levels: number): string {
  const lines = ['name: bomb', 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
  for (let i = 1; i <= levels; i++) {
    const refs = Array.from({ length: 9 }, () => `*a${String(i - 1)}`).join(', ')
    lines.push(`a${String(i)}: &a${String(i)} [${refs}]`)
  }
  lines.push(`description: *a${String(levels)}`, 'providers: {}')
  return lines.join('\n')
}

function readBomb(ref: string) {
  if (ref !== 'bomb') throw new Error(`no scenario ${ref}`)
  return { file: 'bomb.yaml', text: aliasBomb(9) }
}

const library = { read: readBomb, readNamed: readBomb, names: () => ['bomb'] }

function timed(answer: Promise<Response>): Promise<{ status: number; text: string }> {
  return withinBound(
    answer.then(async (response) => ({ status: response.status, text: await response.text() })),
    ANSWER_BOUND_MS,
    'a scenario request',
  )
}

describe('scenario names', () => {
  const names = [
    '../package',
    '../../../../../../etc/passwd',
    '/etc/passwd',
    '/no/such/file',
    'a/b',
    '.',
    '..',
    '%2e%2e/package',
    'C:\\Windows\\win.ini',
  ]

  it.each(names)('refuses %s the same way, reading no file', async (name) => {
    const t = await createTestStandin({ providers, scenario: 'default' })
    const answer = await timed(
      t.request('/_standin/scenario', {
        method: 'POST',
        headers: JSON_TYPE,
        body: JSON.stringify({ name }),
      }),
    )
    expect(answer.status).toBeGreaterThanOrEqual(400)
    expect(answer.status).toBeLessThan(500)
    expect(envelope.control(answer.text)).toBe(true)
    // Nothing was read: a name the library cannot hold is refused before any file is opened, so a
    // file that exists and one that does not give the same answer (no oracle).
    const other = '/no/such/file/at/all'
    const missing = await timed(
      t.request('/_standin/scenario', {
        method: 'POST',
        headers: JSON_TYPE,
        body: JSON.stringify({ name: other }),
      }),
    )
    expect(answer.status).toBe(missing.status)
    expect(answer.text).toBe(missing.text)
    expect(answer.text).not.toContain('Failed to load scenario')
  })

  it('refuses traversal names when a session is created too', async () => {
    const t = await createTestStandin({ providers, scenario: 'default' })
    const answer = await timed(
      t.request('/_standin/sessions', {
        method: 'POST',
        headers: JSON_TYPE,
        body: JSON.stringify({ scenario: '../package' }),
      }),
    )
    expect(answer.status).toBeGreaterThanOrEqual(400)
    expect(answer.status).toBeLessThan(500)
    expect(envelope.control(answer.text)).toBe(true)
  })
})

describe('YAML alias bombs', () => {
  it('refuses a scenario whose aliases expand past the bound, at once', async () => {
    const t = await createTestStandin({
      providers,
      scenario: { providers: {} },
      scenarios: library,
    })
    const answer = await timed(
      t.request('/_standin/scenario', {
        method: 'POST',
        headers: JSON_TYPE,
        body: JSON.stringify({ name: 'bomb' }),
      }),
    )
    expect(answer.status).toBe(400)
    expect(envelope.control(answer.text)).toBe(true)
    const scenario = await timed(t.request('/_standin/scenario'))
    expect(scenario.text.length).toBeLessThan(100_000)
  })
})
