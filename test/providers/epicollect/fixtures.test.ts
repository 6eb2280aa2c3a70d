import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FsFixtureStore } from '../../../src/node/fs-fixture-store.js'
import { createAutoMapping } from '../../../src/providers/epicollect/state/mapping.js'
import { loadProjects } from '../../../src/providers/epicollect/state/project-fixtures.js'

function files(root: string, dir = ''): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name)
    return statSync(join(root, path)).isDirectory() ? files(root, path) : [path]
  })
}

describe('Epicollect5 fixtures', () => {
  it('are exactly what the committed generator writes', () => {
    const out = mkdtempSync(join(tmpdir(), 'standin-epicollect-'))
    try {
      execFileSync(process.execPath, ['scripts/epicollect-fixtures/generate.js', '--out', out])
      for (const dir of ['epicollect/projects', 'epicollect/placeholders']) {
        const generated = files(join(out, dir)).sort()
        expect(files(join('fixtures', dir)).sort()).toEqual(generated)
        for (const path of generated)
          expect(
            readFileSync(join('fixtures', dir, path)).equals(readFileSync(join(out, dir, path))),
            path,
          ).toBe(true)
      }
    } finally {
      rmSync(out, { recursive: true, force: true })
    }
  })

  it('hold a form of more than 1,200 entries with branch entries, and every project loads', () => {
    const projects = loadProjects(new FsFixtureStore(['fixtures']))
    expect([...projects.keys()].sort()).toEqual([
      'ec5-archived-demo',
      'ec5-pilot-2019',
      'ec5-river-watch',
      'ec5-school-bird-count',
      'ec5-urban-trees',
    ])
    const river = projects.get('ec5-river-watch')
    const store = river?.entries()
    expect(store?.byForm(river?.model.firstFormRef ?? '').length).toBeGreaterThan(1200)
    expect([...(store?.branches().values() ?? [])][0]?.length).toBeGreaterThan(1200)
    for (const project of projects.values())
      expect(project.mapping[0], project.slug).toEqual(createAutoMapping(project.definition))
  })
})
