// @ts-check
/**
 * Bundles the `standin` bin into dist/cli/index.js (overwriting tsc's copy of that one file).
 *
 * Why: on Node 20 a cold start spends most of its time resolving, reading and compiling modules
 * one by one: zod alone is 95 files and yaml 70. One bundled file reaches the ready line in about
 * two thirds of the time (see README "Benchmarks"). The library entry points (`standin`,
 * `standin/testing`, `standin/msw`) stay tsc's unbundled output, so consumers share one copy of
 * hono and zod with their own code.
 *
 * Commands the start path does not need (`validate`, `scenarios`, `schema`) are dynamic imports,
 * split into chunks beside index.js: the same folder depth, so `node/package-root.ts` still finds
 * the package root two levels up.
 */
import { readdirSync, rmSync } from 'node:fs'
import { build } from 'esbuild'

const OUT = 'dist/cli'
/** esbuild names chunks `<name>-<8-char hash>.js`; drop the previous build's before writing new ones. */
const CHUNK = /-[A-Z0-9]{8}\.js$/
for (const file of readdirSync(OUT)) if (CHUNK.test(file)) rmSync(`${OUT}/${file}`)

await build({
  entryPoints: { index: 'src/cli/index.ts' },
  outdir: OUT,
  chunkNames: '[name]-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  packages: 'bundle',
  // yaml is CommonJS and calls require('process'); give the ESM bundle a real require.
  banner: {
    js: "import { createRequire as __standinRequire } from 'node:module'; const require = __standinRequire(import.meta.url);",
  },
  logLevel: 'warning',
})
