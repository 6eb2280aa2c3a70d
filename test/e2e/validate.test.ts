/**
 * `standin validate`: every problem in one run, each with `file:line:column` and a dotted path, for
 * scenario and config files alike; and the JSON Schemas the package ships for editors.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runBin } from '../support/cli.js'

function write(name: string, lines: readonly string[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'standin-validate-')), name)
  writeFileSync(file, lines.join('\n'))
  return file
}

async function validate(file: string): Promise<string[]> {
  const run = runBin(['validate', file])
  expect(await run.exit).toBe(1)
  expect(run.stderr()).toBe('')
  return run.stdout().trimEnd().split('\n')
}

describe('standin validate', () => {
  it('lists every YAML syntax error with its line and column', async () => {
    const file = write('broken.yaml', ['name: x', 'seed: [1', '  foo: : bar', ''])
    const lines = await validate(file)
    expect(lines.length).toBeGreaterThan(1)
    expect(lines[0]).toMatch(new RegExp(`^${file}:2:\\d+: \\(syntax\\): `))
    for (const line of lines)
      expect(line).toMatch(new RegExp(`^${file}:\\d+:\\d+: \\(syntax\\): .+`))
  })

  it('gives a JSON syntax error its line and column', async () => {
    const file = write('broken.json', ['{', '  "name": "x",', '  "seed": [1,', '}'])
    expect(await validate(file)).toEqual([
      expect.stringMatching(new RegExp(`^${file}:4:\\d+: \\(syntax\\): [^\\n]+$`)),
    ])
  })

  it('lists every schema problem in file order, at the value or the unknown key', async () => {
    const file = write('scenario.yaml', [
      'name: broken',
      'clock:',
      '  start: yesterday',
      'seed: [1]',
      'providers:',
      '  redcap:',
      '    projects:',
      '      - id: 13',
      '        fixture: classic',
      '        colour: red',
      '',
    ])
    expect(await validate(file)).toEqual([
      `${file}:3:3: clock.start: Invalid ISO datetime`,
      `${file}:4:1: seed: Invalid input`,
      `${file}:10:9: providers.redcap.projects[0]: unknown key "colour"`,
    ])
  })

  it('locates problems in JSON scenarios too', async () => {
    const file = write('scenario.json', ['{', '  "name": "x",', '  "seed": [1]', '}'])
    expect(await validate(file)).toEqual([`${file}:3:3: seed: Invalid input`])
  })

  it("collects the world's problems of every provider, not just the first", async () => {
    const file = write('world.yaml', [
      'name: world',
      'providers:',
      '  redcap:',
      '    projects: [{ id: 1, fixture: nowhere }]',
      '  epicollect:',
      '    apps:',
      '      - { project: ec5-nothing, name: Some app, clientId: 1, clientSecret: abcdefabcdefabcdefabcdefabcdefabcdefabcd }',
      '  redox:',
      '    apiKeys:',
      '      - { clientId: a, name: b, publicKeys: [{ fixture: redox/keys/none.json }] }',
      '',
    ])
    expect(await validate(file)).toEqual([
      expect.stringMatching(new RegExp(`^${file}:3:3: providers\\.redcap: .*"nowhere"`)),
      expect.stringMatching(new RegExp(`^${file}:5:3: providers\\.epicollect: .*"ec5-nothing"`)),
      expect.stringMatching(
        new RegExp(`^${file}:8:3: providers\\.redox: .*redox/keys/none\\.json`),
      ),
    ])
  })

  it('checks a config file the same way: a literal credential hides no other problem', async () => {
    const file = write('standin.config.yaml', [
      'port: high',
      'routes:',
      '  - { provider: redcap, path: /api/, mode: proxy }',
      'credentials:',
      '  epicollect: { clientId: "123", clientSecret: { env: EC5_SECRET } }',
      '',
    ])
    expect(await validate(file)).toEqual([
      `${file}:1:1: port: Invalid input: expected number, received string`,
      `${file}:3:38: routes[0].mode: "proxy" forwards to the real redcap, so it needs upstreams.redcap`,
      `${file}:5:17: credentials.epicollect.clientId: must be a reference, { env: NAME } or { file: PATH }; standin never takes a credential value`,
    ])
  })
})

describe('the shipped JSON Schemas', () => {
  it.each([
    [['schema'], 'schemas/scenario.schema.json'],
    [['schema', 'config'], 'schemas/config.schema.json'],
  ])('`standin %j` is what %s holds (npm run schema writes it)', async (args, file) => {
    const run = runBin(args)
    expect(await run.exit).toBe(0)
    expect(run.stdout()).toBe(readFileSync(file, 'utf8'))
  })

  it('is named by every library scenario for editors (yaml-language-server)', () => {
    for (const name of readdirSync('scenarios').filter((n) => n.endsWith('.yaml'))) {
      const first = readFileSync(join('scenarios', name), 'utf8').split('\n')[0]
      expect(first, name).toBe('# yaml-language-server: $schema=../schemas/scenario.schema.json')
    }
  })
})
