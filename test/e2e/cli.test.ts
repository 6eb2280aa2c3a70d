import { mkdtempSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runBin, spawnStandin } from '../support/cli.js'

describe('standin command', () => {
  it('prints its ready line, answers health and exits 0 on SIGTERM', async () => {
    const standin = await spawnStandin([])
    expect(standin.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const health = (await (await fetch(`${standin.url}/_standin/health`)).json()) as {
      status: string
      version: string
    }
    expect(health).toEqual({
      status: 'ok',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/) as string,
    })
    expect(await standin.stop('SIGTERM')).toBe(0)
  })

  it('exits 0 on SIGINT too', async () => {
    const standin = await spawnStandin([])
    expect(await standin.stop('SIGINT')).toBe(0)
  })

  it('exits 2 with one line on stderr when the port is taken', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const port = (blocker.address() as { port: number }).port
    try {
      const run = runBin(['start', '--port', String(port)])
      expect(await run.exit).toBe(2)
      expect(run.stderr().trimEnd().split('\n')).toEqual([
        `standin: Failed to start: 127.0.0.1:${String(port)} is already in use. Choose another port with --port (0 takes a free one).`,
      ])
      expect(run.stdout()).toBe('')
    } finally {
      blocker.close()
    }
  })

  it.each([
    [['--port', 'high'], 'standin: --port must be a whole number from 0 to 65535, not "high".'],
    [['--colour'], 'standin: Unknown option --colour. See standin --help.'],
    [['launch'], 'standin: Unknown command "launch". See standin --help.'],
    [
      ['start', '--scenario', 'no-such-scenario'],
      'standin: Scenario "no-such-scenario" was not found (looked for a file and in scenarios/).',
    ],
  ])('exits 2 with one clear line for %j', async (args, line) => {
    const run = runBin(args)
    expect(await run.exit).toBe(2)
    expect(run.stderr().trimEnd().split('\n')).toEqual([line])
  })

  it('prints help and version', async () => {
    const help = runBin(['--help'])
    expect(await help.exit).toBe(0)
    expect(help.stdout()).toContain('standin validate FILE...')
    const version = runBin(['--version'])
    expect(await version.exit).toBe(0)
    expect(version.stdout()).toMatch(/^\d+\.\d+\.\d+\n$/)
  })

  it('validate names every problem with file and dotted path and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'standin-validate-'))
    const file = join(dir, 'broken.yaml')
    writeFileSync(file, 'name: broken\nclock:\n  start: yesterday\nseed: [1]\n')
    const run = runBin(['validate', file])
    expect(await run.exit).toBe(1)
    expect(run.stdout().trimEnd().split('\n')).toEqual([
      `${file}:3:3: clock.start: Invalid ISO datetime`,
      `${file}:4:1: seed: Invalid input`,
    ])
  })

  it('validate passes a good scenario with exit 0', async () => {
    const run = runBin(['validate', 'scenarios/default.yaml'])
    expect(await run.exit).toBe(0)
    expect(run.stdout()).toBe('scenarios/default.yaml: ok\n')
  })
})

describe('standin scenario commands', () => {
  it('lists the scenario library with descriptions', async () => {
    const run = runBin(['scenarios'])
    expect(await run.exit).toBe(0)
    expect(run.stdout().trimEnd().split('\n')).toEqual(
      expect.arrayContaining([
        `${'503-storm'.padEnd(36)} A 503 storm across every provider: the first 5 requests are answered, the next 10 get 503 in each provider's own envelope, then service resumes. For retry and back-off logic.`,
        `${'default'.padEnd(36)} Every provider with its shipped fixtures; ready-made credentials are listed in the README.`,
      ]),
    )
  })

  it('validates every shipped scenario', async () => {
    const run = runBin(['validate', 'scenarios/503-storm.yaml', 'scenarios/default.yaml'])
    expect(await run.exit).toBe(0)
    expect(run.stdout()).toBe('scenarios/503-storm.yaml: ok\nscenarios/default.yaml: ok\n')
  })

  it('prints a JSON Schema that describes scripted events', async () => {
    const run = runBin(['schema'])
    expect(await run.exit).toBe(0)
    const schema = JSON.parse(run.stdout()) as {
      properties: { events: { type: string; items: { properties: Record<string, unknown> } } }
    }
    expect(schema.properties.events.type).toBe('array')
    expect(Object.keys(schema.properties.events.items.properties)).toEqual([
      'name',
      'at',
      'after',
      'afterRequests',
      'match',
      'do',
    ])
  })
})
