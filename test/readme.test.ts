/**
 * The README as a user follows it: its table of contents matches its headings, and its code blocks
 * run. Shell blocks run in order against one standin started from the built bin (`4010` becomes its
 * port); the JavaScript blocks run as one script in order (a story told in steps); YAML blocks are
 * checked by `standin validate` (as a config file when they say so); TypeScript blocks are
 * type-checked. A block marked `no-run` in its info string (installing, Docker, a stream that never
 * ends) is only shown; `text` blocks are output, not commands.
 */
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BIN, spawnStandin, type Spawned } from './support/cli.js'

const run = promisify(execFile)
const README = readFileSync('README.md', 'utf8')

interface Block {
  readonly lang: string
  readonly noRun: boolean
  readonly code: string
  readonly line: number
}

const blocks: Block[] = [...README.matchAll(/^```([^\n]*)\n([\s\S]*?)^```$/gm)].map((m) => {
  const [lang = '', ...flags] = (m[1] ?? '').trim().split(/\s+/)
  return {
    lang,
    noRun: flags.includes('no-run'),
    code: m[2] ?? '',
    line: README.slice(0, m.index).split('\n').length,
  }
})

const KNOWN = ['sh', 'js', 'ts', 'yaml', 'text']

/** GitHub's anchor for a heading. */
function slug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\w\- ]/g, '')
    .replace(/ /g, '-')
}

describe('the README', () => {
  it('has a table of contents that matches its headings', () => {
    const headings = [...README.matchAll(/^## (.+)$/gm)].map((m) => m[1] ?? '')
    const contents = README.slice(README.indexOf('## Contents'))
    const listed = [...contents.matchAll(/^- \[([^\]]+)\]\(#([^)]+)\)$/gm)].map((m) => ({
      title: m[1],
      anchor: m[2],
    }))
    expect(listed).toEqual(
      headings.filter((h) => h !== 'Contents').map((h) => ({ title: h, anchor: slug(h) })),
    )
  })

  it("lists each library scenario's credentials as its file holds them", () => {
    const from = README.indexOf('carry their own credentials')
    const table = README.slice(from, README.indexOf('The private keys are', from))
    const rows = [...table.matchAll(/^\| `([\w-]+)\*?`[^|]*\| (.+) \|$/gm)]
    expect(rows.length).toBe(10)
    for (const [, name = '', cells = ''] of rows) {
      const files = readdirSync('scenarios').filter((f) => f.startsWith(name.replace(/-$/, '')))
      expect(files.length, name).toBeGreaterThan(0)
      for (const file of files) {
        const text = readFileSync(join('scenarios', file), 'utf8')
        for (const [, value = ''] of cells.matchAll(/`([^`]+)`/g))
          expect(text, file).toContain(value)
      }
    }
  })

  it('marks every code block with a language it knows, and few as not run', () => {
    for (const block of blocks) expect(KNOWN, `line ${String(block.line)}`).toContain(block.lang)
    expect(blocks.filter((b) => b.noRun).length).toBeLessThanOrEqual(6)
  })

  describe('code blocks', () => {
    let standin: Spawned
    let port = ''
    beforeAll(async () => {
      standin = await spawnStandin(['--log', 'off'])
      port = new URL(standin.url).port
    })
    afterAll(async () => {
      await standin.stop()
    })
    const onPort = (code: string) => code.replaceAll(':4010', `:${port}`)

    it('shell blocks run against a started standin', async () => {
      const shell = blocks.filter((b) => b.lang === 'sh' && !b.noRun)
      expect(shell.length).toBeGreaterThan(5)
      for (const block of shell) {
        const script = `set -euo pipefail\n${onPort(block.code)}`
        const result = run('bash', ['-c', script], {
          env: { ...process.env, PATH: process.env.PATH },
        })
        await expect(result, `README line ${String(block.line)}`).resolves.toBeDefined()
      }
    }, 60_000)

    it('JavaScript blocks run as one script', async () => {
      const js = blocks.filter((b) => b.lang === 'js' && !b.noRun)
      expect(js.length).toBeGreaterThan(0)
      const dir = mkdtempSync(join(tmpdir(), 'standin-readme-'))
      const file = join(dir, 'readme.mjs')
      writeFileSync(file, js.map((b) => onPort(b.code)).join('\n'))
      // Run from the repo, where the fixtures it reads and `jose` are.
      await run(process.execPath, ['--input-type=module', '-e', readFileSync(file, 'utf8')])
    })
  })

  it('YAML blocks pass standin validate', async () => {
    const yaml = blocks.filter((b) => b.lang === 'yaml' && !b.noRun)
    expect(yaml.length).toBeGreaterThan(3)
    for (const block of yaml) {
      const dir = mkdtempSync(join(tmpdir(), 'standin-readme-'))
      const config = block.code.startsWith('# standin.config.yaml')
      const file = join(dir, config ? 'standin.config.yaml' : 'scenario.yaml')
      writeFileSync(file, block.code)
      const result = run(process.execPath, [BIN, 'validate', file])
      await expect(result, `README line ${String(block.line)}`).resolves.toMatchObject({
        stdout: `${file}: ok\n`,
      })
    }
  })

  it('TypeScript blocks type-check against the package', async () => {
    const ts = blocks.filter((b) => b.lang === 'ts' && !b.noRun)
    expect(ts.length).toBeGreaterThan(0)
    // What the snippets take from the reader's own test file: vitest's globals and their app.
    const prelude = [
      "import { afterAll, beforeAll, expect, it } from 'vitest'",
      'declare const myApp: { searchPatients(): Promise<unknown> }',
      'declare const requestId: string',
      'void [afterAll, beforeAll, expect, it, myApp, requestId]',
    ].join('\n')
    const dir = join('test', '.readme')
    const files = ts.map((block, i) => {
      const file = join(dir, `block-${String(i)}.ts`)
      return { file, text: `${prelude}\n${block.code}\nexport {}\n` }
    })
    mkdirSync(dir, { recursive: true })
    try {
      for (const { file, text } of files) writeFileSync(file, text)
      writeFileSync(
        join(dir, 'tsconfig.json'),
        JSON.stringify({
          extends: '../../tsconfig.json',
          compilerOptions: { noEmit: true, noUnusedLocals: false },
          include: ['*.ts'],
        }),
      )
      await run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', dir])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 120_000)
})
