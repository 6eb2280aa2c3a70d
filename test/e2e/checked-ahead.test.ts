/**
 * The bin carries the shipped scenarios and REDCap fixture projects checked ahead
 * (src/core/parsed-ahead.ts); a file of the user's, even one named like a shipped one and nearly
 * the same, is still checked in full.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runBin, spawnStandin } from '../support/cli.js'

const SHIPPED_DEFAULT = readFileSync(
  new URL('../../scenarios/default.yaml', import.meta.url),
  'utf8',
)

/** A folder whose `scenarios/default.yaml` is `text`: the bin takes it before the shipped one. */
function withDefault(text: string): string {
  const cwd = mkdtempSync(join(tmpdir(), 'standin-scenario-'))
  mkdirSync(join(cwd, 'scenarios'))
  writeFileSync(join(cwd, 'scenarios', 'default.yaml'), text)
  return cwd
}

describe("the bin's scenario check", () => {
  it("refuses a user's default.yaml that differs from the shipped one by a bad value", async () => {
    const cwd = withDefault(
      SHIPPED_DEFAULT.replace('tokenRequestType: admin_approve', 'tokenRequestType: nonsense'),
    )
    const run = runBin(['start', '--port', '0'], { cwd })
    expect(await run.exit).toBe(2)
    expect(run.stderr()).toContain('providers.redcap.tokenRequestType: Invalid option')
  })

  it("refuses a user's default.yaml that only adds an unknown key", async () => {
    const run = runBin(['start', '--port', '0'], {
      cwd: withDefault(`${SHIPPED_DEFAULT}extra: 1\n`),
    })
    expect(await run.exit).toBe(2)
    expect(run.stderr()).toContain('(root): unknown key "extra"')
  })

  it("serves a user's default.yaml that changes a valid value", async () => {
    const cwd = withDefault(
      SHIPPED_DEFAULT.replace(
        'tokenRequestType: admin_approve',
        'tokenRequestType: auto_approve_all',
      ),
    )
    const standin = await spawnStandin([], { cwd })
    const state = (await (await fetch(`${standin.url}/_standin/state`)).json()) as {
      providers: { redcap: { system: { tokenRequestType: string } } }
    }
    expect(state.providers.redcap.system.tokenRequestType).toBe('auto_approve_all')
    expect(await standin.stop()).toBe(0)
  })

  it("refuses a user's copy of a shipped REDCap fixture with a bad value", async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'standin-fixture-'))
    const classic = join(cwd, 'fixtures', 'redcap', 'classic')
    cpSync(new URL('../../fixtures/redcap/classic/', import.meta.url), classic, { recursive: true })
    const project = readFileSync(join(classic, 'project.json'), 'utf8')
    writeFileSync(join(classic, 'project.json'), project.replace('"purpose": 2', '"purpose": 9'))
    const run = runBin(['start', '--port', '0'], { cwd })
    expect(await run.exit).toBe(2)
    expect(run.stderr()).toContain('Failed to load REDCap fixture "classic"')
  })
})
