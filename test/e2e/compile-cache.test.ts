/**
 * The bin's own code cache (src/cli/launch.cts): written by a first start, read by the next,
 * replaced when V8 rejects it, and never in the way of a start.
 */
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { spawnStandin } from '../support/cli.js'

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
})
