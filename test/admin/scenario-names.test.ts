import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { FsScenarioSource } from '../../src/node/fs-scenario-source.js'
import { createTestStandin, type TestStandin } from '../../src/testing/index.js'

const library = mkdtempSync(join(tmpdir(), 'standin-scenarios-'))
afterAll(() => {
  rmSync(library, { recursive: true, force: true })
})

const NOT_A_NAME =
  'A scenario name is 1 to 128 of the characters A-Z, a-z, 0-9, ".", "_" and "-", and names an entry of the scenario library (GET /_standin/scenarios); files load only from the command line.'

async function load(t: TestStandin, path: string, body: unknown) {
  const response = await t.request(path, { method: 'POST', body: JSON.stringify(body) })
  return { status: response.status, body: (await response.json()) as unknown }
}

describe('scenario names on the control plane', () => {
  it.each([
    '../package',
    '../../../../etc/passwd',
    '/etc/passwd',
    '/etc/no-such-file',
    'scenarios/default',
    '.hidden',
    'a\\b',
    'x'.repeat(129),
  ])('refuses %s as no name, the same way whether a file exists or not', async (name) => {
    const t = await createTestStandin({ scenario: 'default' })
    const before = t.world.scenario
    for (const [path, body] of [
      ['/_standin/scenario', { name }],
      ['/_standin/sessions', { scenario: name }],
    ] as const) {
      expect(await load(t, path, body)).toEqual({
        status: 400,
        body: { error: { code: 'invalid_request', message: NOT_A_NAME } },
      })
    }
    expect(t.world.scenario).toBe(before)
  })

  it('looks a name up in the library only, never as a file in the working directory', async () => {
    const t = await createTestStandin({ scenario: 'default' })
    // package.json exists in the working directory and is a name by its characters.
    for (const name of ['package.json', 'package', 'no-such-scenario']) {
      expect(await load(t, '/_standin/scenario', { name })).toEqual({
        status: 404,
        body: {
          error: { code: 'not_found', message: `Scenario "${name}" was not found in scenarios/.` },
        },
      })
    }
    expect((await load(t, '/_standin/scenario', { name: 'default' })).status).toBe(200)
    expect((await load(t, '/_standin/sessions', { scenario: 'default' })).status).toBe(201)
  })

  it('refuses a YAML alias bomb in the library, nested or wide', async () => {
    const wide = `name: wide\ndescription: &big "${'x'.repeat(20_000)}"\nlist: [${Array(90).fill('*big').join(', ')}]\n`
    const nested = [
      'name: nested',
      'a: &a ["l","l","l","l","l","l","l","l","l"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
    ].join('\n')
    writeFileSync(join(library, 'wide.yaml'), wide)
    writeFileSync(join(library, 'nested.yaml'), nested)
    const t = await createTestStandin({
      scenario: { providers: {} },
      scenarios: new FsScenarioSource([library]),
    })
    const wideAnswer = await load(t, '/_standin/scenario', { name: 'wide' })
    expect(wideAnswer.status).toBe(400)
    expect(JSON.stringify(wideAnswer.body)).toContain('YAML aliases expand this document')
    const nestedAnswer = await load(t, '/_standin/scenario', { name: 'nested' })
    expect(nestedAnswer.status).toBe(400)
    expect(JSON.stringify(nestedAnswer.body)).toContain('Excessive alias count')
  })
})
