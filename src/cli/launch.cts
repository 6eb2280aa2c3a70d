#!/usr/bin/env node
/**
 * The `standin` bin as installed (`dist/cli/index.cjs`): turns on V8's compile cache, then runs the
 * bundled command (`dist/cli/standin.cjs`, built from `./index.ts` by scripts/bundle-bin.js).
 *
 * Why: compiling the bundle is the largest part of a cold start that standin controls. With the
 * cache, every start after the first reads V8's code for it from disk instead. Node 22.1 and later
 * have the cache built in (`module.enableCompileCache()`, kept in the OS temp folder); on Node 20
 * v8-compile-cache does the same for CommonJS, which is why the bin is CommonJS. Either can be
 * switched off with NODE_DISABLE_COMPILE_CACHE=1 or DISABLE_V8_COMPILE_CACHE=1 respectively.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the one import form a CommonJS file has under verbatimModuleSyntax
import nodeModule = require('node:module')

const load = nodeModule.createRequire(__filename)

function enableCompileCache(): void {
  const builtin = (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache
  if (builtin) {
    builtin()
    return
  }
  try {
    load('v8-compile-cache')
  } catch {
    // Without it the bin starts as it did before the cache, and works the same.
  }
}

enableCompileCache()
load('./standin.cjs')
