// @ts-check
/**
 * Bundles the `standin` bin: the whole command from src/cli/index.ts into dist/cli/standin.cjs, and
 * the launcher src/cli/launch.cts (which runs the bundle through V8's code cache) into
 * dist/cli/index.cjs, the package's `bin`.
 *
 * Why one bundle: on Node 20 a cold start spends most of its time resolving, reading and compiling
 * modules one by one (zod alone is 95 files, yaml 70). Why CommonJS: the ESM loader costs more per
 * start than `require`, and only CommonJS can use a compile cache on Node 20 (see launch.cts).
 * Commands the start path does not need (`validate`, `scenarios`, `schema`) are lazy in the
 * bundle, evaluated only when they run. The library entry points (`standin`, `standin/testing`,
 * `standin/msw`) stay tsc's unbundled output, so consumers share one copy of hono and zod with
 * their own code. Both files sit in dist/cli/, so `node/package-root.ts` still finds the package
 * root two levels up.
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { build } from 'esbuild'

const OUT = 'dist/cli'
/** Chunks of earlier (ESM, split) builds: `<name>-<8-char hash>.js`. */
const CHUNK = /-[A-Z0-9]{8}\.js$/
for (const file of readdirSync(OUT)) if (CHUNK.test(file)) rmSync(`${OUT}/${file}`)
// tsc's unbundled copy of the command: the bin is index.cjs, and nothing should run this one.
rmSync(`${OUT}/index.js`, { force: true })

/**
 * zod's `z` namespace re-exports every locale (`z.locales`, about a fifth of the bundle), which
 * no tree-shaking can drop from a namespace object. standin never switches locale; English, which
 * zod registers itself, is all the bin carries.
 * @type {import('esbuild').Plugin}
 */
const englishOnlyZod = {
  name: 'english-only-zod',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${'/'}zod${'/'}`)
        ? { path: args.path, namespace: 'zod-locales' }
        : undefined,
    )
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, () => ({
      contents: "export { default as en } from 'zod/v4/locales/en.js'",
      resolveDir: process.cwd(),
    }))
  },
}

/**
 * @hono/node-server imports node:http2 at its top level (about 2.5 ms of every start) for
 * `instanceof Http2ServerRequest` checks on each request and a constant read when one holds. The
 * bin serves HTTP/1.1 (src/node/serve.ts passes no `createServer`), whose requests are node:http
 * `IncomingMessage`s: for those the check answers no without node:http2, which is loaded only if
 * anything else is ever asked about. Another import from node:http2 fails this build.
 * @type {import('esbuild').Plugin}
 */
const http2OnDemand = {
  name: 'http2-on-demand',
  setup(build) {
    build.onResolve({ filter: /^(node:)?http2$/ }, (args) =>
      args.importer.includes(`${'/'}@hono${'/'}node-server${'/'}`)
        ? { path: args.path, namespace: 'http2-on-demand' }
        : undefined,
    )
    build.onLoad({ filter: /.*/, namespace: 'http2-on-demand' }, () => ({
      contents: `
        import { IncomingMessage } from 'node:http'
        const http2 = () => require('node:http2')
        export class Http2ServerRequest {
          static [Symbol.hasInstance](value) {
            return !(value instanceof IncomingMessage) && value instanceof http2().Http2ServerRequest
          }
        }
        export const constants = new Proxy({}, { get: (_, key) => http2().constants[key] })
      `,
      resolveDir: process.cwd(),
    }))
  },
}

/**
 * Shipped data files parsed and checked now rather than on every start (src/core/parsed-ahead.ts),
 * with tsc's output of this same build: the scenarios and the REDCap fixture projects.
 */
const fromDist = (/** @type {string} */ file) =>
  import(new URL(`../dist/${file}`, import.meta.url).href)
/** @type {{ parseAhead(files: { file: string, text: string }[]): unknown }} */
const { parseAhead } = await fromDist('scenarios/load.js')
/** @type {{ PARSED_AHEAD_KIND: string, parseProjectFixturesAhead(texts: string[]): unknown }} */
const redcapFixtures = await fromDist('providers/redcap/state/fixture.js')
const textsIn = (
  /** @type {string} */ dir,
  /** @type {(name: string) => string | undefined} */ pick,
) =>
  readdirSync(dir).flatMap((name) => {
    const file = pick(name)
    return file === undefined ? [] : [{ file, text: readFileSync(`${dir}/${file}`, 'utf8') }]
  })
const parsedAhead = {
  scenarios: parseAhead(textsIn('scenarios', (name) => (/\.ya?ml$/.test(name) ? name : undefined))),
  [redcapFixtures.PARSED_AHEAD_KIND]: redcapFixtures.parseProjectFixturesAhead(
    textsIn('fixtures/redcap', (name) =>
      existsSync(`fixtures/redcap/${name}/project.json`) ? `${name}/project.json` : undefined,
    ).map(({ text }) => text),
  ),
}

await build({
  entryPoints: ['src/cli/index.ts'],
  outfile: `${OUT}/standin.cjs`,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20.19',
  packages: 'bundle',
  // The modules locate standin's files from their own URL; in the bundle that is standin.cjs.
  define: {
    'import.meta.url': '__standinUrl',
    STANDIN_PARSED_AHEAD: JSON.stringify(parsedAhead),
  },
  banner: { js: "const __standinUrl = require('node:url').pathToFileURL(__filename).href;" },
  // Whitespace and syntax only: names stay, so profiles and stack traces still read.
  minifyWhitespace: true,
  minifySyntax: true,
  plugins: [englishOnlyZod, http2OnDemand],
  logLevel: 'warning',
})

// The launcher compiles the bundle itself (for its code cache, see launch.cts), inside a function
// wrapper where a hashbang line is a syntax error: it becomes a comment of the same length.
const bundle = readFileSync(`${OUT}/standin.cjs`, 'utf8').replace(/^#!/, '//')
// launch.cts reads the bundle as latin1, a byte per character, which skips UTF-8 decoding of 1.4 MB
// on every start; esbuild escapes every non-ASCII character by default, so that reading is exact.
if (!Buffer.from(bundle, 'latin1').equals(Buffer.from(bundle, 'utf8')))
  throw new Error(`${OUT}/standin.cjs is not ASCII: see launch.cts`)
writeFileSync(`${OUT}/standin.cjs`, bundle)
const bundleHash = createHash('sha256').update(bundle).digest('hex').slice(0, 16)

await build({
  entryPoints: ['src/cli/launch.cts'],
  outfile: `${OUT}/index.cjs`,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20.19',
  define: { STANDIN_BUNDLE_HASH: JSON.stringify(bundleHash) },
  logLevel: 'warning',
})
