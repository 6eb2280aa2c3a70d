#!/usr/bin/env node
/**
 * The `standin` bin as installed (`dist/cli/index.cjs`): runs the bundled command
 * (`dist/cli/standin.cjs`, built from `./index.ts` by scripts/bundle-bin.js) through V8's code
 * cache.
 *
 * Why: compiling the bundle is the largest part of a cold start that standin controls. The first
 * run compiles the bundle and, as it exits, writes V8's code for every function it compiled by
 * then, so later starts skip compiling the command's whole start path, not only the bundle's top
 * level, which is all a cache written at compile time holds (v8-compile-cache's, and Node 22's
 * built-in `module.enableCompileCache()`: measured on Node 22, a start with that one took 1.9x a
 * bare hono start, with this one 1.4x). The cache file is named after the bundle's content hash
 * and path, so a rebuilt, upgraded or copied bundle never reads code compiled for another; it
 * lives in a folder only this user may write (see privateCacheDir). DISABLE_V8_COMPILE_CACHE=1
 * or NODE_DISABLE_COMPILE_CACHE=1 switches it off.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the one import form a CommonJS file has under verbatimModuleSyntax
import nodeModule = require('node:module')
// eslint-disable-next-line @typescript-eslint/no-require-imports -- as above
import fs = require('node:fs')
// eslint-disable-next-line @typescript-eslint/no-require-imports -- as above
import os = require('node:os')
// eslint-disable-next-line @typescript-eslint/no-require-imports -- as above
import path = require('node:path')
// eslint-disable-next-line @typescript-eslint/no-require-imports -- as above
import v8 = require('node:v8')
// eslint-disable-next-line @typescript-eslint/no-require-imports -- as above
import vm = require('node:vm')

/** The bundle's content hash, set by scripts/bundle-bin.js. */
declare const STANDIN_BUNDLE_HASH: string

const BUNDLE = path.join(__dirname, 'standin.cjs')
/** What the command emits on `process` once it is ready (src/cli/start.ts). */
const READY_EVENT = 'standin:ready'

/** Whether the user passed this V8 flag to node. */
function givenToNode(flag: string): boolean {
  return process.execArgv.some((arg) => arg.replaceAll('_', '-').includes(`--${flag}`))
}

function run(): void {
  const env = process.env
  if (env.DISABLE_V8_COMPILE_CACHE || env.NODE_DISABLE_COMPILE_CACHE) {
    nodeModule.createRequire(__filename)(BUNDLE)
    return
  }
  runCached()
}

/** Loads the bundle as `require` would, but compiled with (and, on a first run, for) the cache. */
function runCached(): void {
  const dir = privateCacheDir()
  // The bundle's path is part of the key: V8's cached code carries the script's name, so a cache
  // written by another copy of the same build would make stack traces name that copy's files.
  const cacheFile =
    dir === undefined
      ? undefined
      : path.join(
          dir,
          `${STANDIN_BUNDLE_HASH}-${fnv1a(BUNDLE)}-${process.versions.v8}-${process.arch}${flagsKey()}${commandKey()}.bin`,
        )
  const cached = cacheFile === undefined ? undefined : readIfAny(cacheFile)
  // The bundle is ASCII (scripts/bundle-bin.js checks it), so latin1 reads it exactly, and faster.
  const script = new vm.Script(nodeModule.wrap(fs.readFileSync(BUNDLE, 'latin1')), {
    filename: BUNDLE,
    ...(cached ? { cachedData: cached } : {}),
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  })
  if (cacheFile !== undefined && (!cached || script.cachedDataRejected)) {
    // Written when the command says it is ready (a server listening, its whole start compiled),
    // so it holds the code of everything the start compiled, not just the top level. Not at the
    // exit of a long first run: by then V8 has dropped the code of the start path it no longer
    // ran, and a cache without it made every later start about 45 ms slower. A command that never
    // says so writes it at exit.
    let saved = false
    const saveOnce = () => {
      if (saved) return
      saved = true
      save(script, cacheFile)
    }
    process.once(READY_EVENT, saveOnce)
    process.once('exit', saveOnce)
  }
  const bundle = new nodeModule.Module(BUNDLE)
  bundle.filename = BUNDLE
  bundle.paths = module.paths
  const compiled = script.runInThisContext() as (...args: unknown[]) => void
  compiled.call(
    bundle.exports,
    bundle.exports,
    nodeModule.createRequire(BUNDLE),
    bundle,
    BUNDLE,
    __dirname,
  )
  bundle.loaded = true
}

/**
 * The cache folder, created 0700 in the OS temp folder, or none. V8 runs whatever code it reads
 * from there, so a folder this user does not own, a symlink, or one that others may write (made
 * in advance in a shared /tmp) is refused: the start then compiles as if there were no cache.
 */
function privateCacheDir(): string | undefined {
  const uid = process.getuid?.()
  const dir = path.join(os.tmpdir(), `standin-compile-cache-${String(uid ?? 'user')}`)
  try {
    fs.mkdirSync(dir, { mode: 0o700 })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return undefined
  }
  try {
    const stat = fs.lstatSync(dir)
    if (!stat.isDirectory() || (stat.mode & 0o022) !== 0) return undefined
    if (uid !== undefined && stat.uid !== uid) return undefined
    return dir
  } catch {
    return undefined
  }
}

/**
 * V8 rejects code cached under other flags (`--cpu-prof`, NODE_OPTIONS), so runs with different
 * node options keep separate files instead of overwriting each other's on every start.
 */
function flagsKey(): string {
  const flags = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' ').trim()
  return flags === '' ? '' : `-${fnv1a(flags)}`
}

/**
 * A cache holds the code of the functions its first run compiled, and is not rewritten while V8
 * accepts it: keyed by the command too, so a `standin --version` run first does not leave `start`
 * with a cache of the version path only.
 */
function commandKey(): string {
  const command = process.argv[2] ?? ''
  return command === '' ? '' : `-${fnv1a(command)}`
}

/** FNV-1a: short, stable, and needs no node:crypto (which would cost the start a module load). */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193)
  return (hash >>> 0).toString(16)
}

function readIfAny(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file)
  } catch {
    return undefined
  }
}

function save(script: vm.Script, file: string): void {
  // V8 accepts cached code only under the flags it was written under. `standin start` sets two
  // heap flags after the bundle was compiled (src/cli/heap.ts): back to V8's defaults, so the cache
  // matches the flags the next start compiles under.
  if (!givenToNode('semi-space-growth-factor'))
    v8.setFlagsFromString('--semi-space-growth-factor=2')
  if (!givenToNode('heap-growing-percent')) v8.setFlagsFromString('--heap-growing-percent=0')
  try {
    // Another standin may be writing the same file: write aside, then rename over in one step.
    const aside = `${file}.${String(process.pid)}`
    fs.writeFileSync(aside, script.createCachedData(), { mode: 0o600 })
    fs.renameSync(aside, file)
    forgetStale(path.dirname(file), file)
  } catch {
    // Without a cache the next start compiles again, and works the same.
  }
}

/** A month: caches of earlier builds and other node options are removed once this old. */
const STALE_MS = 30 * 24 * 3600 * 1000

/**
 * Each build and set of node options has its own file (about 1 MB), so old ones are removed when
 * a new one is written; one still in use is at worst compiled again once.
 */
function forgetStale(dir: string, keep: string): void {
  const now = Date.now()
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name)
    if (file === keep || !name.endsWith('.bin')) continue
    try {
      if (now - fs.statSync(file).mtimeMs > STALE_MS) fs.rmSync(file)
    } catch {
      // Removed by another standin meanwhile.
    }
  }
}

run()
