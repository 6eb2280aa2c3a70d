import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { runBin, spawnStandin, type Spawned } from '../support/cli.js'

async function waitForLine(standin: Spawned, line: string): Promise<void> {
  for (let waited = 0; waited < 10_000; waited += 25) {
    if (standin.stderr().split('\n').includes(line)) return
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error(`no line ${JSON.stringify(line)} on stderr:\n${standin.stderr()}`)
}

async function call(standin: Spawned, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${standin.url}/_standin${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  return response.json()
}

const SHIPPED_FIXTURES = realpathSync(fileURLToPath(new URL('../../fixtures', import.meta.url)))
const BROKEN = 'name: third\nevents:\n  - after: soon\n    do: { action: fail, status: 503 }\n'
const PROBLEM = 'case.yaml: events[0].after: Invalid input: expected number, received string'

describe('standin start --watch', () => {
  it('reloads an edited scenario and fixtures, keeps the clock, and keeps the old world on a broken file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'standin-watch-'))
    mkdirSync(join(dir, 'fixtures', 'echo'), { recursive: true })
    const file = join(dir, 'case.yaml')
    writeFileSync(file, 'name: first\n')
    const standin = await spawnStandin(['--watch', '--scenario', 'case.yaml'], { cwd: dir })
    try {
      // The working directory's fixtures/ first, then the ones standin ships (outside it here).
      await waitForLine(
        standin,
        `[standin] watching case.yaml, fixtures/ and ${SHIPPED_FIXTURES}/ for changes`,
      )
      await call(standin, '/clock', { freeze: true })
      await call(standin, '/clock', { set: '2030-01-01T00:00:00Z' })
      expect(await call(standin, '/scenario')).toEqual({
        name: 'first',
        description: null,
        events: [],
      })

      writeFileSync(
        file,
        'name: second\ndescription: edited\nevents:\n  - name: storm\n    after: 0\n    do: { action: fail, status: 503, times: 2 }\n',
      )
      await waitForLine(
        standin,
        '[standin] case.yaml changed: reloaded scenario "second" (changed: name, description, events; clock kept at 2030-01-01T00:00:00.000Z)',
      )
      expect(await call(standin, '/clock')).toEqual({
        now: '2030-01-01T00:00:00.000Z',
        frozen: true,
      })
      expect(await call(standin, '/scenario')).toMatchObject({
        name: 'second',
        description: 'edited',
        events: [{ name: 'storm', firedAt: '2030-01-01T00:00:00.000Z' }],
      })
      await waitForLine(
        standin,
        '[standin] event "storm" fired at 2030-01-01T00:00:00.000Z: queued override #1: force unavailable the next 2 requests to any provider',
      )

      writeFileSync(file, BROKEN)
      await waitForLine(standin, `[standin] ${PROBLEM}`)
      expect(standin.stderr()).toContain(
        '[standin] Failed to reload after case.yaml changed; still serving the previous world:\n',
      )
      expect(await call(standin, '/scenario')).toMatchObject({ name: 'second' })
      expect(await call(standin, '/overrides')).toMatchObject({
        overrides: [{ id: 1, remaining: 2 }],
      })

      writeFileSync(join(dir, 'fixtures', 'echo', 'notes.json'), '{}\n')
      await waitForLine(
        standin,
        '[standin] fixtures/echo/notes.json changed: reloaded scenario "second" (clock kept at 2030-01-01T00:00:00.000Z)',
      )
    } finally {
      expect(await standin.stop()).toBe(0)
    }
  })

  it("names standin's own fixtures/ once when run from its folder", async () => {
    const root = dirname(SHIPPED_FIXTURES)
    const standin = await spawnStandin(['--watch'], { cwd: root })
    try {
      await waitForLine(
        standin,
        '[standin] watching scenarios/default.yaml and fixtures/ for changes',
      )
    } finally {
      expect(await standin.stop()).toBe(0)
    }
  })

  it('prints the same problem line from standin validate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'standin-watch-'))
    writeFileSync(join(dir, 'case.yaml'), BROKEN)
    const run = runBin(['validate', 'case.yaml'], { cwd: dir })
    expect(await run.exit).toBe(1)
    // The same problem, with where it is in the file.
    expect(run.stdout()).toBe(`${PROBLEM.replace('case.yaml:', 'case.yaml:3:5:')}\n`)
  })
})
