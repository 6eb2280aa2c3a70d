/**
 * Inline project content against the model: every part of a project built from each shipped
 * fixture comes back equal (Maps, Sets and file bytes included) after a dump, a trip through JSON
 * and the scenario schema, and a rebuild; a model field the dump forgot fails here.
 */
import { describe, expect, it } from 'vitest'
import { CredentialRegistry } from '../../../src/core/credentials.js'
import { VirtualClock } from '../../../src/core/clock.js'
import { SeededRandom } from '../../../src/core/random.js'
import { defaultFixtureStore } from '../../../src/node/create.js'
import { createRedcapState } from '../../../src/providers/redcap/state/create.js'
import {
  dumpProject,
  projectFromContent,
} from '../../../src/providers/redcap/state/project-dump.js'
import { ProjectContentSchema } from '../../../src/providers/redcap/state/project-content.js'
import { RedcapSeedSchema } from '../../../src/providers/redcap/state/seed.js'

function build(fixture: string, at = '2026-03-01T10:00:00Z', randomSeed = 'dump') {
  const clock = new VirtualClock(new Date(at), undefined, true)
  const random = new SeededRandom(randomSeed)
  const seed = RedcapSeedSchema.parse({ projects: [{ id: 7, fixture }] })
  const deps = { clock, random, credentials: new CredentialRegistry(clock, random) }
  const state = createRedcapState(seed, { ...deps, fixtures: defaultFixtureStore() })
  const project = state.projects.get(7)
  if (!project) throw new Error('no project 7')
  // The file store hands out Buffers; a rebuilt project holds plain Uint8Arrays of the same bytes.
  for (const doc of project.docs.values()) doc.bytes = new Uint8Array(doc.bytes)
  return project
}

describe('inline REDCap project content', () => {
  it.each(['classic', 'longitudinal'])(
    'rebuilds the %s fixture project field for field',
    (name) => {
      const project = build(name)
      // Parts no fixture fills: a survey queue link and a DAG Switcher.
      project.queueHashes.set([...project.records.keys()][0] ?? '', 'QH7K2')
      project.dagSwitcher.set('alice', [null, ...project.dags.map((d) => d.id)])
      const content = ProjectContentSchema.parse(JSON.parse(JSON.stringify(dumpProject(project))))
      const rebuilt = projectFromContent(project.id, content)
      rebuilt.status = project.status
      expect(rebuilt).toEqual(project)
      expect(project.docs.size).toBeGreaterThan(0)
      expect(project.records.size).toBeGreaterThan(0)
    },
  )

  // A snapshot names the fixture of an unchanged project, so loading it must give the same project
  // whenever and with whatever seed it is loaded.
  it.each(['classic', 'longitudinal'])('builds the %s fixture the same at any time', (name) => {
    expect(build(name, '2031-07-09T23:59:59Z', 'other')).toEqual(build(name))
  })
})
