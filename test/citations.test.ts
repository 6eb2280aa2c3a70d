/**
 * Every file a comment cites is in the repository, and no comment points at documents that are not:
 * facts the code relies on live in docs/ (docs/ARCHITECTURE.md, docs/decisions/, docs/protocols/).
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '..')

const SOURCES = execFileSync(
  'git',
  [
    'ls-files',
    '--cached',
    '--others',
    '--exclude-standard',
    'src',
    'test',
    'bench',
    'scripts',
    'examples',
    'eslint.config.js',
  ],
  { cwd: ROOT, encoding: 'utf8' },
)
  .split('\n')
  .filter((file) => /\.(ts|js|mjs)$/.test(file) && existsSync(join(ROOT, file)))

/** A path with at least one folder and a file name: `docs/decisions/two-clocks.md`, `core/clock.ts`. */
const CITED_PATH = /(?<![\w.@:/-])((?:[\w-]+\/)+[\w.-]+\.(?:md|ts|js|json|png|yaml))(?![\w/])/g
const COMMENT = /\/\/[^\n]*|\/\*[\s\S]*?\*\//g
/** Documents outside the repository that comments once cited. */
const OUTSIDE = /protocol notes|DESIGN\.md|STYLE\.md|(?<!docs\/)protocols\/\w+\.md/i

function comments(file: string): string[] {
  return readFileSync(join(ROOT, file), 'utf8').match(COMMENT) ?? []
}

/** Where a cited path may be read from: the repo root, `src/`, the citing file's folder or its parent. */
function resolves(file: string, cited: string): boolean {
  const here = dirname(file)
  return [cited, join('src', cited), join(here, cited), join(here, '..', cited)].some((candidate) =>
    existsSync(join(ROOT, candidate)),
  )
}

describe('comment citations', () => {
  it('reads comments from the source tree', () => {
    expect(SOURCES.length).toBeGreaterThan(200)
    expect(comments('src/core/clock.ts').join('\n')).toContain('docs/decisions/two-clocks.md')
  })

  it('cite only files that exist', () => {
    const missing = SOURCES.flatMap((file) =>
      comments(file).flatMap((comment) =>
        [...comment.matchAll(CITED_PATH)]
          .map((match) => match[1] ?? '')
          .filter((cited) => !resolves(file, cited))
          .map((cited) => `${file}: ${cited}`),
      ),
    )
    expect(missing).toEqual([])
  })

  it('cite no document outside the repository', () => {
    const outside = SOURCES.flatMap((file) =>
      comments(file)
        .filter((comment) => OUTSIDE.test(comment))
        .map((comment) => `${file}: ${comment.slice(0, 120)}`),
    )
    expect(outside).toEqual([])
  })

  it('would notice a citation of a missing file', () => {
    expect(resolves('src/core/clock.ts', 'docs/decisions/no-such-decision.md')).toBe(false)
    expect(resolves('src/core/clock.ts', 'docs/decisions/two-clocks.md')).toBe(true)
  })
})
