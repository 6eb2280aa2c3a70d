/**
 * No container engine runs here, so the image itself is not built in tests. What it runs is: the
 * Dockerfile's ENTRYPOINT and CMD, in a folder laid out as its WORKDIR with a mounted scenario, and
 * its HEALTHCHECK command (the port is the only thing substituted: tests never take a fixed one).
 */
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { runBin, spawnStandin } from '../support/cli.js'

const DOCKERFILE = readFileSync('Dockerfile', 'utf8').replace(/\\\n\s*/g, '')
const TOKEN = 'container-admin-token-0123456789'

/** The JSON (exec form) arguments of the last `INSTRUCTION [...]` line. */
function execForm(instruction: string): string[] {
  const lines = DOCKERFILE.split('\n').filter((line) => line.startsWith(`${instruction} `))
  const last = lines.at(-1) ?? ''
  return JSON.parse(last.slice(last.indexOf('['))) as string[]
}

function lastValue(instruction: string): string {
  const lines = DOCKERFILE.split('\n').filter((line) => line.startsWith(`${instruction} `))
  return (lines.at(-1) ?? '').slice(instruction.length + 1).trim()
}

/** A folder like the image's WORKDIR, with a scenario of the user's own mounted in scenarios/. */
function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'standin-workdir-'))
  mkdirSync(join(dir, 'scenarios'))
  writeFileSync(
    join(dir, 'scenarios/mounted.yaml'),
    'name: mounted\nproviders:\n  redcap:\n    users: [{ username: carol }]\n    projects:\n      - id: 77\n        fixture: classic\n        users: [{ username: carol, token: "77777777777777777777777777777777" }]\n',
  )
  return dir
}

describe('the container image', () => {
  const entrypoint = execForm('ENTRYPOINT')
  const cmd = execForm('CMD')

  it('runs the installed bin as the unprivileged node user, from /standin, on 0.0.0.0:4010', () => {
    expect(entrypoint).toEqual(['standin', 'start', '--host', '0.0.0.0'])
    expect(cmd).toEqual(['--port', '4010'])
    expect(lastValue('USER')).toBe('node')
    expect(lastValue('WORKDIR')).toBe('/standin')
    expect(lastValue('FROM')).toMatch(/^node:\d+-slim$/)
    expect(lastValue('EXPOSE')).toBe('4010')
  })

  it('serves a mounted scenario with STANDIN_ADMIN_TOKEN, and its health check passes', async () => {
    const args = [...entrypoint.slice(1), ...cmd, '--scenario', 'mounted']
    args[args.indexOf('4010')] = '0'
    const standin = await spawnStandin(args.slice(1), {
      cwd: workdir(),
      env: { STANDIN_ADMIN_TOKEN: TOKEN },
    })
    try {
      expect(standin.url).toMatch(/^http:\/\/0\.0\.0\.0:\d+$/)
      const port = new URL(standin.url).port
      const api = await fetch(`http://127.0.0.1:${port}/redcap/api/`, {
        method: 'POST',
        body: new URLSearchParams({ token: '7'.repeat(32), content: 'version' }),
      })
      expect(api.status).toBe(200)
      const control = await fetch(`http://127.0.0.1:${port}/_standin/clock`)
      expect(control.status).toBe(401)
      const health = execForm('HEALTHCHECK').map((arg) => arg.replace(':4010/', `:${port}/`))
      const check = promisify(execFile)(process.execPath, health.slice(1), {
        env: { ...process.env, STANDIN_ADMIN_TOKEN: TOKEN },
      })
      await expect(check).resolves.toBeDefined()
    } finally {
      expect(await standin.stop()).toBe(0)
    }
  })

  it('refuses to start without STANDIN_ADMIN_TOKEN, with one line', async () => {
    const run = runBin([...entrypoint.slice(1), '--port', '0'], {
      cwd: workdir(),
      env: { STANDIN_ADMIN_TOKEN: '' },
    })
    expect(await run.exit).toBe(2)
    expect(run.stderr().trimEnd().split('\n')).toHaveLength(1)
  })
})
