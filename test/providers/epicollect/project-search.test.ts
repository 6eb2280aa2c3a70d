import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { MemoryFixtureStore } from '../../../src/core/fixtures.js'
import { createTestStandin } from '../../../src/testing/index.js'
import { outcome, problem, standin } from './support.js'

const hit = (name: string, slug: string, access: string, ref: string) => ({
  type: 'project',
  id: ref,
  project: { name, slug, access, ref },
})
const RIVER_HIT = hit(
  'EC5 River Watch',
  'ec5-river-watch',
  'private',
  '66d4af12b289f92b52dbf89cbdd8dc88',
)
const TREES_HIT = hit(
  'EC5 Urban Trees',
  'ec5-urban-trees',
  'public',
  '2c5a07d40e0e66910bb774e3c51ca21c',
)
const BIRDS_HIT = hit(
  'EC5 School Bird Count',
  'ec5-school-bird-count',
  'private',
  'a70f69b01e9c38203540a0f5be2e1536',
)

async function search(path: string): Promise<unknown> {
  const t = await standin()
  const response = await t.request(`/epicollect${path}`)
  expect(response.status).toBe(200)
  return response.json()
}

describe('GET /api/projects', () => {
  it.each([
    ['/api/projects/ec5', [RIVER_HIT, TREES_HIT, BIRDS_HIT]],
    ['/api/projects/EC5%20urban', [TREES_HIT]],
    ['/api/projects/EC5_River', [RIVER_HIT]],
    ['/api/projects/EC5%20Pilot', []],
    ['/api/projects/EC5%20Archived', []],
    ['/api/projects/EC5%20Urban%20Trees?exact=true', [TREES_HIT]],
    ['/api/projects/ec5%20urban%20trees?exact=1', [TREES_HIT]],
    ['/api/projects/EC5%20Urban?exact=true', []],
    ['/api/projects/EC5%20Urban?exact=false', []],
    ['/api/projects/EC5%20Urban?exact=0', [TREES_HIT]],
    ['/api/projects', []],
    ['/api/json/projects/ec5%20school', [BIRDS_HIT]],
    // utf8_unicode_ci pads with spaces for `=`, so trailing spaces do not count for exact names...
    ['/api/projects/EC5%20Urban%20Trees%20?exact=true', [TREES_HIT]],
    ['/api/projects/%C3%A9c5%20URBAN%20trees%20%20?exact=true', [TREES_HIT]],
    // ...but LIKE pads nothing: a prefix with a trailing space needs a name that has one there.
    ['/api/projects/EC5%20Urban%20Trees%20', []],
  ])('answers %s', async (path, data) => {
    expect(await search(path)).toEqual({ data })
  })

  it('answers at most 50 projects, the exact name first', async () => {
    const files: Record<string, string> = {
      'epicollect/oauth-private.key': readFileSync('fixtures/epicollect/oauth-private.key', 'utf8'),
      'epicollect/oauth-public.key': readFileSync('fixtures/epicollect/oauth-public.key', 'utf8'),
    }
    for (let i = 0; i < 60; i++) {
      const slug = i === 59 ? 'bird' : `bird-survey-${String(i)}`
      const name = i === 59 ? 'Bird' : `Bird survey ${String(i)}`
      const ref = String(i).padStart(32, '0')
      files[`epicollect/projects/${slug}/project.json`] = JSON.stringify({
        updated_at: `2025-01-01 00:00:${String(i % 60).padStart(2, '0')}`,
        structure_last_updated: '2025-01-01 00:00:00',
        definition: {
          id: ref,
          type: 'project',
          project: {
            ref,
            name,
            slug,
            access: 'public',
            created_at: '2025-01-01 00:00:00',
            forms: [{ ref: `${ref}_a`, name: 'Form', inputs: [] }],
          },
        },
      })
    }
    const t = await createTestStandin({ fixtures: new MemoryFixtureStore(files) })
    const body = (await (await t.request('/epicollect/api/projects/bird')).json()) as {
      data: { project: { name: string } }[]
    }
    expect(body.data).toHaveLength(50)
    expect(body.data.slice(0, 3).map((d) => d.project.name)).toEqual([
      'Bird',
      'Bird survey 58',
      'Bird survey 57',
    ])
  })
})

describe('GET /api/project-version', () => {
  it('answers the structure version', async () => {
    expect(await search('/api/project-version/ec5-urban-trees')).toEqual({
      data: {
        type: 'project-version',
        id: 'ec5-urban-trees',
        attributes: { structure_last_updated: '2024-06-20 16:45:12', version: '1718901912' },
      },
    })
  })

  it.each(['EC5-URBAN-TREES', 'Ec5-Urban-Trees%20%20'])(
    'finds %s under the slug column collation and echoes the slug as sent',
    async (slug) => {
      expect(await search(`/api/project-version/${slug}`)).toEqual({
        data: {
          type: 'project-version',
          id: decodeURIComponent(slug),
          attributes: { structure_last_updated: '2024-06-20 16:45:12', version: '1718901912' },
        },
      })
    },
  )

  it.each(['ec5-nowhere', 'ec5-pilot-2019', '%20ec5-urban-trees'])(
    'answers %s with 400 ec5_11',
    async (slug) => {
      const t = await standin()
      expect(await outcome(await t.request(`/epicollect/api/project-version/${slug}`))).toEqual({
        status: 400,
        body: problem('ec5_11', 'Project does not exist.', 'version'),
      })
    },
  )
})
