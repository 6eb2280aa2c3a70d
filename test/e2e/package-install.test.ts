/**
 * The package as a user gets it: `npm pack`, then the tarball installed into an empty project with
 * `--omit=dev` (no build step, no dev dependencies), its bin run and started, and its typed entry
 * points imported from TypeScript.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawnStandin } from '../support/cli.js'

const run = promisify(execFile)
const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc')
const NPM_QUIET = ['--no-audit', '--no-fund', '--loglevel=error']

/** The versions the repo itself was tested with, so the install comes from npm's cache. */
function installedVersion(name: string): string {
  const file = join(ROOT, 'node_modules', name, 'package.json')
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version
}

describe('the published package', () => {
  let dir = ''
  let project = ''

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'standin-pack-'))
    // dist/ is built by `npm test` (and the build is what `prepare` would run again).
    const packed = await run('npm', ['pack', '--ignore-scripts', '--pack-destination', dir], {
      cwd: ROOT,
    })
    const tarball = join(dir, packed.stdout.trim().split('\n').at(-1) ?? '')
    project = join(dir, 'project')
    await run('mkdir', [project])
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
    )
    await run(
      'npm',
      [
        'install',
        '--omit=dev',
        '--prefer-offline',
        ...NPM_QUIET,
        tarball,
        `msw@${installedVersion('msw')}`,
        `@types/node@${installedVersion('@types/node')}`,
      ],
      { cwd: project, timeout: 240_000 },
    )
  }, 300_000)

  afterAll(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true })
  })

  it('carries its build, fixtures, schemas and licence, and nothing to build', () => {
    const installed = join(project, 'node_modules/standin')
    for (const file of [
      'LICENSE',
      'dist/cli/index.cjs',
      'dist/cli/standin.cjs',
      'dist/testing/index.d.ts',
      'dist/admin/dashboard/index.html',
      'fixtures/redox/keys/demo-private.jwk.json',
      'scenarios/default.yaml',
      'schemas/scenario.schema.json',
      'schemas/config.schema.json',
    ])
      expect(existsSync(join(installed, file)), file).toBe(true)
    // Sources, tests and the tsc copies of the command stay out.
    for (const file of ['src', 'test', 'dist/cli/start.js', 'dist/cli/args.d.ts'])
      expect(existsSync(join(installed, file)), file).toBe(false)
    // Nothing stale: every compiled module has its source (a build starts from an empty dist/).
    const compiled = readdirSync(join(installed, 'dist'), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.js') && !file.startsWith(join('admin', 'dashboard')))
      .map((file) => file.replace(/\.js$/, '.ts'))
    expect(compiled.length).toBeGreaterThan(50)
    expect(compiled.filter((file) => !existsSync(join(ROOT, 'src', file)))).toEqual([])
    // No dev dependency came along: a build could not have run.
    expect(existsSync(join(project, 'node_modules/esbuild'))).toBe(false)
    expect(existsSync(join(project, 'node_modules/typescript'))).toBe(false)
  })

  it('runs `npx standin --version` and starts', async () => {
    const version = await run('npx', ['--no-install', 'standin', '--version'], { cwd: project })
    const own = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }
    expect(version.stdout).toBe(`${own.version}\n`)
    const bin = join(project, 'node_modules/standin/dist/cli/index.cjs')
    const standin = await spawnStandin(['--log', 'off'], { cwd: project, bin })
    try {
      const health = await fetch(`${standin.url}/_standin/health`)
      expect(health.status).toBe(200)
      // The shipped library scenario answers with its shipped fixture.
      const version = await fetch(`${standin.url}/redcap/api/`, {
        method: 'POST',
        body: new URLSearchParams({
          token: 'ABCDEF0123456789ABCDEF0123456789',
          content: 'version',
        }),
      })
      expect(await version.text()).toMatch(/^\d+\.\d+\.\d+$/)
    } finally {
      expect(await standin.stop()).toBe(0)
    }
  })

  it('imports standin, standin/testing and standin/msw from TypeScript, and resolves fixtures', async () => {
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          noEmit: true,
          types: ['node'],
        },
        include: ['check.ts'],
      }),
    )
    writeFileSync(
      join(project, 'check.ts'),
      [
        "import { setupServer } from 'msw/node'",
        "import { createStandinHandlers } from 'standin/msw'",
        "import { createControlClient, startStandin, type StartedStandin } from 'standin/testing'",
        "import { createStandin } from 'standin'",
        '',
        "const server = setupServer(...createStandinHandlers({ redcap: 'https://redcap.example.edu' }))",
        "const control = createControlClient('http://standin.local')",
        'const started: Promise<StartedStandin> = startStandin()',
        "const key: string = import.meta.resolve('standin/fixtures/redox/keys/demo-private.jwk.json')",
        'export { server, control, started, key, createStandin }',
        '',
      ].join('\n'),
    )
    await run(process.execPath, [TSC, '-p', project], { cwd: project })
    const resolved = await run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "console.log(import.meta.resolve('standin/fixtures/redox/keys/demo-private.jwk.json'))",
      ],
      { cwd: project },
    )
    expect(fileURLToPath(resolved.stdout.trim())).toBe(
      join(project, 'node_modules/standin/fixtures/redox/keys/demo-private.jwk.json'),
    )
  }, 120_000)
})
