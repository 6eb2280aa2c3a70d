/**
 * The bin's own code cache (src/cli/launch.cts): written by a first start, read by the next,
 * replaced when V8 rejects it, and never in the way of a start.
 */
import {
  chmodSync,
  chownSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { execFileSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BIN, spawnStandin } from '../support/cli.js'
import { dirname } from 'node:path'

/** Starts and stops the bin with its temp folder at `temp`; the cache is written as it exits. */
async function startOnce(temp: string, env: NodeJS.ProcessEnv = {}): Promise<void> {
  const standin = await spawnStandin([], { env: { TMPDIR: temp, ...env } })
  expect(await standin.stop()).toBe(0)
}

function cacheDir(temp: string): string {
  const dirs = readdirSync(temp).filter((name) => name.startsWith('standin-compile-cache-'))
  expect(dirs).toHaveLength(1)
  return join(temp, dirs[0] ?? '')
}

function cacheFiles(temp: string): string[] {
  const dir = cacheDir(temp)
  return readdirSync(dir)
    .filter((name) => name.endsWith('.bin'))
    .map((name) => join(dir, name))
}

describe("the bin's code cache", () => {
  it('is written by a first start, in a folder only its user may write, and read by the next', async () => {
    const temp = mkdtempSync(join(tmpdir(), 'standin-cache-'))
    await startOnce(temp)
    const [file, ...others] = cacheFiles(temp)
    expect(others).toEqual([])
    expect(statSync(cacheDir(temp)).mode & 0o777).toBe(0o700)
    const written = readFileSync(file ?? '')
    expect(written.length).toBeGreaterThan(100_000)
    await startOnce(temp)
    expect(readFileSync(file ?? '').equals(written)).toBe(true)
  })

  it('is written as soon as the server is ready, not at the exit of a long first run', async () => {
    const temp = mkdtempSync(join(tmpdir(), 'standin-cache-'))
    const standin = await spawnStandin([], { env: { TMPDIR: temp } })
    // Written in the same turn as the ready line: once a request is answered, it is there.
    expect((await fetch(`${standin.url}/_standin/health`)).status).toBe(200)
    const [file] = cacheFiles(temp)
    expect(statSync(file ?? '').size).toBeGreaterThan(100_000)
    expect(await standin.stop()).toBe(0)
    // The same with V8's heap defaults kept: the cache is written under those either way (the
    // first test shows the next start accepts it).
    const v8Defaults = mkdtempSync(join(tmpdir(), 'standin-cache-'))
    const plain = await spawnStandin([], { env: { TMPDIR: v8Defaults, STANDIN_HEAP: 'v8' } })
    expect((await fetch(`${plain.url}/_standin/health`)).status).toBe(200)
    expect(cacheFiles(v8Defaults)).toHaveLength(1)
    expect(await plain.stop()).toBe(0)
  })

  it('keeps one cache per command, so a first `--version` does not stand in for `start`', async () => {
    const temp = mkdtempSync(join(tmpdir(), 'standin-cache-'))
    execFileSync(process.execPath, [BIN, '--version'], { env: { ...process.env, TMPDIR: temp } })
    const [version] = cacheFiles(temp)
    await startOnce(temp)
    const start = cacheFiles(temp).filter((file) => file !== version)
    expect(start).toHaveLength(1)
    expect(statSync(start[0] ?? '').size).toBeGreaterThan(statSync(version ?? '').size)
  })

  it('replaces a cache V8 rejects, and starts all the same', async () => {
    const temp = mkdtempSync(join(tmpdir(), 'standin-cache-'))
    await startOnce(temp)
    const file = cacheFiles(temp)[0] ?? ''
    writeFileSync(file, 'not code')
    await startOnce(temp)
    expect(readFileSync(file).length).toBeGreaterThan(100_000)
  })

  it.each(['DISABLE_V8_COMPILE_CACHE', 'NODE_DISABLE_COMPILE_CACHE'])(
    'writes nothing with %s set',
    async (name) => {
      const temp = mkdtempSync(join(tmpdir(), 'standin-cache-'))
      await startOnce(temp, { [name]: '1' })
      expect(readdirSync(temp)).toEqual([])
    },
  )

  it("removes other builds' caches once they are a month old, and keeps newer ones", async () => {
    const temp = mkdtempSync(join(tmpdir(), 'standin-cache-'))
    await startOnce(temp)
    const dir = cacheDir(temp)
    const [current] = cacheFiles(temp)
    const old = join(dir, '0000000000000000-old-build.bin')
    const recent = join(dir, '1111111111111111-recent-build.bin')
    writeFileSync(old, 'old')
    writeFileSync(recent, 'recent')
    const fortyDaysAgo = new Date(statSync(recent).mtimeMs - 40 * 24 * 3600 * 1000)
    utimesSync(old, fortyDaysAgo, fortyDaysAgo)
    writeFileSync(current ?? '', 'stale code') // rejected, so this start writes the cache again
    await startOnce(temp)
    expect(cacheFiles(temp).sort()).toEqual([current, recent].sort())
  })

  describe('refuses a folder made in advance, and starts without a cache', () => {
    const uid = process.getuid?.() ?? 0
    const made = (temp: string) => join(temp, `standin-compile-cache-${String(uid)}`)

    it.each([0o777, 0o770, 0o722])('open to others (mode %o)', async (mode) => {
      const temp = mkdtempSync(join(tmpdir(), 'standin-cache-'))
      mkdirSync(made(temp))
      chmodSync(made(temp), mode)
      await startOnce(temp)
      expect(readdirSync(made(temp))).toEqual([])
    })

    it('owned by another user, or a link to elsewhere', async () => {
      const temp = mkdtempSync(join(tmpdir(), 'standin-cache-'))
      const elsewhere = mkdtempSync(join(tmpdir(), 'standin-elsewhere-'))
      if (uid === 0) {
        // Only root can hand a folder to another user; anyone else gets the link case twice.
        mkdirSync(made(temp), { mode: 0o700 })
        chownSync(made(temp), 4242, 4242)
      } else symlinkSync(elsewhere, made(temp))
      await startOnce(temp)
      expect(readdirSync(made(temp))).toEqual([])
      const linked = mkdtempSync(join(tmpdir(), 'standin-cache-'))
      symlinkSync(elsewhere, made(linked))
      await startOnce(linked)
      expect(readdirSync(elsewhere)).toEqual([])
    })
  })

  it("names the running bundle's own files in stack traces, whatever another copy cached", async () => {
    const temp = mkdtempSync(join(tmpdir(), 'standin-cache-'))
    const root = dirname(dirname(dirname(BIN)))
    const copies = ['first', 'second'].map((name) => {
      const copy = join(temp, name)
      cpSync(join(root, 'dist'), join(copy, 'dist'), { recursive: true })
      for (const entry of ['package.json', 'scenarios', 'fixtures'])
        symlinkSync(join(root, entry), join(copy, entry))
      return copy
    })
    // Prints the stack of the command's own code as it writes its ready line.
    const preload = join(temp, 'stack-at-ready.cjs')
    writeFileSync(
      preload,
      `const write = process.stdout.write.bind(process.stdout)
process.stdout.write = (chunk, ...rest) => {
  if (String(chunk).startsWith('standin listening')) process.stderr.write(new Error('ready').stack + '\\n')
  return write(chunk, ...rest)
}
`,
    )
    const cache = mkdtempSync(join(tmpdir(), 'standin-cache-'))
    for (const copy of copies) {
      for (let run = 0; run < 2; run++) {
        const standin = await spawnStandin(['--log', 'off'], {
          bin: join(copy, 'dist/cli/index.cjs'),
          env: { TMPDIR: cache, NODE_OPTIONS: `--require ${preload}` },
        })
        expect(await standin.stop()).toBe(0)
        const frames = standin
          .stderr()
          .split('\n')
          .filter((line) => line.includes('standin.cjs'))
        expect(frames.length).toBeGreaterThan(0)
        for (const frame of frames) expect(frame).toContain(join(copy, 'dist/cli/standin.cjs'))
      }
    }
    expect(cacheFiles(cache)).toHaveLength(2)
  })
})
