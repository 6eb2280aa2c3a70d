/**
 * The access log on stderr, as the command writes it: one line per request in each format, no
 * secrets, headers only with --verbose (redacted), an internal error's stack once, and quiet exits
 * when a reader closes the pipe.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { createAccessLog } from '../../src/cli/access-log-format.js'
import { SystemClock } from '../../src/core/clock.js'
import type { StandinEnv } from '../../src/providers/provider.js'
import { createTestStandin } from '../../src/testing/index.js'
import { BIN, spawnStandin, type Spawned } from '../support/cli.js'
import { createEchoProvider } from '../support/echo-provider.js'

const TOKEN = 'ABCDEF0123456789ABCDEF0123456789'
const ADMIN_SECRET = 'admin-secret-0123456789'

/** Three requests: an answered one, a refused one with a secret in a header, one with a query. */
async function traffic(url: string): Promise<void> {
  await fetch(`${url}/redcap/api/`, {
    method: 'POST',
    body: new URLSearchParams({ token: TOKEN, content: 'version' }),
  })
  await fetch(`${url}/redcap/api/`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_SECRET}` },
    body: new URLSearchParams({ token: 'F'.repeat(32), content: 'version' }),
  })
  await fetch(`${url}/_standin/requests?limit=1&access_token=${ADMIN_SECRET}`)
}

async function stderrAfter(standin: Spawned): Promise<string> {
  expect(await standin.stop()).toBe(0)
  return standin.stderr()
}

describe('the access log', () => {
  it('writes one pretty line per request: method, path, status, outcome, ms and why', async () => {
    const standin = await spawnStandin([])
    await traffic(standin.url)
    const lines = (await stderrAfter(standin)).trimEnd().split('\n')
    expect(lines).toEqual([
      expect.stringMatching(/^\[standin\] POST \/redcap\/api\/ 200 ok \d+(\.\d+)? ms$/),
      expect.stringMatching(
        /^\[standin\] POST \/redcap\/api\/ 403 rejected \d+(\.\d+)? ms: no project token matches$/,
      ),
      expect.stringMatching(
        // The journal refuses a filter it does not know; the value stays out of the log all the same.
        /^\[standin\] GET \/_standin\/requests\?limit=…&access_token=… 400 rejected \d+(\.\d+)? ms: Unknown filter "access_token"\./,
      ),
    ])
    expect(lines.join('\n')).not.toContain(ADMIN_SECRET)
  })

  it('writes one JSON object per line with --log json, and the same from STANDIN_LOG', async () => {
    for (const how of [{ args: ['--log', 'json'] }, { env: { STANDIN_LOG: 'json' } }]) {
      const standin = await spawnStandin(how.args ?? [], { env: how.env ?? {} })
      await traffic(standin.url)
      const text = await stderrAfter(standin)
      const entries = text
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>)
      expect(entries).toEqual([
        expect.objectContaining({
          level: 'info',
          method: 'POST',
          path: '/redcap/api/',
          status: 200,
          outcome: 'ok',
        }),
        expect.objectContaining({
          level: 'warn',
          status: 403,
          outcome: 'rejected',
          why: 'no project token matches',
        }),
        expect.objectContaining({
          path: '/_standin/requests',
          queryKeys: ['limit', 'access_token'],
        }),
      ])
      for (const entry of entries) {
        expect(entry.ms).toEqual(expect.any(Number))
        expect(Date.parse(entry.time as string)).not.toBeNaN()
        expect(entry).not.toHaveProperty('requestHeaders')
      }
      expect(text).not.toContain(ADMIN_SECRET)
    }
  })

  it('writes nothing with --log off, or with log: off in the config file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'standin-log-'))
    writeFileSync(join(dir, 'standin.config.yaml'), 'log: off\n')
    for (const how of [{ args: ['--log', 'off'] }, { args: [], cwd: dir }]) {
      const standin = await spawnStandin(how.args, how.cwd === undefined ? {} : { cwd: how.cwd })
      await traffic(standin.url)
      expect(await stderrAfter(standin)).toBe('')
    }
  })

  it('adds redacted request and response headers with --verbose', async () => {
    const standin = await spawnStandin(['--verbose', '--log', 'json'])
    await traffic(standin.url)
    const text = await stderrAfter(standin)
    const refused = JSON.parse(text.split('\n')[1] ?? '') as {
      requestHeaders: Record<string, string>
      responseHeaders: Record<string, string>
    }
    expect(refused.requestHeaders).toMatchObject({
      authorization: '[redacted]',
      'content-type': 'application/x-www-form-urlencoded;charset=UTF-8',
    })
    expect(refused.responseHeaders['content-type']).toMatch(/xml/)
    expect(text).not.toContain(ADMIN_SECRET)
    const pretty = await spawnStandin(['--verbose'])
    await traffic(pretty.url)
    expect(await stderrAfter(pretty)).toContain('  > authorization: [redacted]\n')
  })

  it('refuses an unknown format with one line and exit 2', async () => {
    const standin = spawnStandin(['--log', 'loud'])
    await expect(standin).rejects.toThrow('--log must be one of pretty, json, off, not "loud".')
  })
})

describe('an internal error', () => {
  const faulty = {
    ...createEchoProvider('faulty', '/faulty'),
    routes: () => {
      const app = new Hono<StandinEnv>()
      app.get('/boom', function explode() {
        throw new TypeError('the fault itself')
      })
      return app
    },
  }

  async function logged(format: 'pretty' | 'off', path: string, init: RequestInit = {}) {
    let text = ''
    const accessLog = createAccessLog({
      format,
      verbose: false,
      clock: new SystemClock(),
      write: (chunk) => (text += chunk),
    })
    const t = await createTestStandin({
      providers: [faulty],
      scenario: { name: 'faulty', providers: {} },
      accessLog,
    })
    let prefix = ''
    if (path.startsWith('/_sessions/')) {
      const created = await t.request('/_standin/sessions', { method: 'POST', body: '{}' })
      prefix = `/_sessions/${((await created.json()) as { id: string }).id}`
      text = ''
    }
    const response = await t.request(path.replace('/_sessions/', `${prefix}/`), init)
    return { status: response.status, body: await response.text(), text }
  }

  it('is logged with its stack once, and never sent on the wire', async () => {
    const { status, body, text } = await logged('pretty', '/faulty/boom')
    expect(status).toBe(500)
    expect(body).not.toContain('the fault itself')
    expect(text).toMatch(/^\[standin\] GET \/faulty\/boom 500 error [\d.]+ ms: the fault itself\n/)
    expect(text.match(/TypeError: the fault itself/g)).toHaveLength(1)
    expect(text).toMatch(/\n {2}\s*at (Object\.)?explode \(/)
  })

  it('is logged once when it happens in an isolated session', async () => {
    const { status, text } = await logged('pretty', '/_sessions/faulty/boom')
    expect(status).toBe(500)
    expect(text.match(/TypeError: the fault itself/g)).toHaveLength(1)
    expect(text).toMatch(/^\[standin\] GET \/_sessions\/[^/]+\/faulty\/boom 500 error /)
  })

  it("logs a session's control call once, with the session's path and the call's outcome", async () => {
    const ok = await logged('pretty', '/_sessions/_standin/health')
    expect(ok.status).toBe(200)
    expect(ok.text).toMatch(
      /^\[standin\] GET \/_sessions\/[^/]+\/_standin\/health 200 ok [\d.]+ ms\n$/,
    )
    const refused = await logged('pretty', '/_sessions/_standin/tokens/none/expire', {
      method: 'POST',
    })
    expect(refused.status).toBe(404)
    expect(refused.text.split('\n')).toHaveLength(2)
    expect(refused.text).toMatch(/ 404 rejected [\d.]+ ms: /)
  })

  it('is logged with its stack even with --log off', async () => {
    const { text } = await logged('off', '/faulty/boom')
    expect(text.match(/TypeError: the fault itself/g)).toHaveLength(1)
    expect(text.split('\n')[0]).toContain('GET /faulty/boom 500 error')
  })

  it('is not a forced 500, which QA asked for', async () => {
    const forced = await logged('pretty', '/faulty/boom', {
      headers: { 'standin-force': 'server-error' },
    })
    expect(forced.status).toBe(500)
    expect(forced.text).toMatch(/^\[standin\] GET \/faulty\/boom 500 forced [\d.]+ ms.*\n$/)
    const off = await logged('off', '/faulty/boom', {
      headers: { 'standin-force': 'server-error' },
    })
    expect(off.text).toBe('')
  })
})

describe('a closed pipe', () => {
  const run = promisify(execFile)
  it.each([
    ['scenarios', 2],
    ['schema', 1],
  ])('ends `standin %s | head -%i` quietly', async (command, lines) => {
    const shell = `"${process.execPath}" "${BIN}" ${command} | head -${String(lines)}; echo "exit $\{PIPESTATUS[0]}" >&2`
    const { stdout, stderr } = await run('bash', ['-c', shell])
    expect(stdout.trimEnd().split('\n')).toHaveLength(lines)
    expect(stderr).toBe('exit 0\n')
  })
})
