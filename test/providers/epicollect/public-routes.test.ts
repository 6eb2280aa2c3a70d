import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  BIRDS,
  BIRDS_FORM,
  RIVER,
  TREES,
  bearer,
  outcome,
  problem,
  standin,
  token,
} from './support.js'

interface ShowBody {
  meta: {
    project_extra: {
      forms: Record<
        string,
        {
          inputs: string[]
          group: Record<string, string[]> | []
          branch: Record<string, string[]> | []
          lists: {
            location_inputs: { input_ref: string; branch_ref: string | null }[]
            multiple_choice_inputs: { form: { order: string[] }; branch: { order: string[] } }
          }
          details: { name: string; type: string; has_location: boolean }
        }
      >
      inputs: Record<string, { data: { ref: string } }>
      project: { forms: string[]; details: { slug: string; access: string } }
    }
    project_user: unknown
    project_mapping: unknown
    project_stats: unknown
  }
  data: unknown
}

const PRIVATE = problem('ec5_77', 'This project is private. Please log in.', 'middleware')
const TREE_FORM = '2c5a07d40e0e66910bb774e3c51ca21c_66605a563420a'
const TREE_LOCATION = `${TREE_FORM}_66605e3d8438c`
const definition = (
  JSON.parse(readFileSync(`fixtures/epicollect/projects/${TREES}/project.json`, 'utf8')) as {
    definition: {
      project: { forms: { ref: string; inputs: { ref: string; group: []; branch: [] }[] }[] }
    }
  }
).definition

describe("the web app's public project routes", () => {
  it.each([`/api/project/${TREES}`, '/api/json/project/EC5-Urban-Trees'])(
    'answer %s without a token: the export plus the project extra and the anonymous user',
    async (path) => {
      const t = await standin()
      const response = await t.request(`/epicollect${path}`)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('application/vnd.api+json; charset=utf-8')
      const body = (await response.json()) as ShowBody
      const exported = (await (
        await t.request(`/epicollect/api/export/project/${TREES}`)
      ).json()) as ShowBody
      expect(Object.keys(body.meta)).toEqual([
        'project_extra',
        'project_user',
        'project_mapping',
        'project_stats',
      ])
      expect(body.data).toEqual(exported.data)
      expect(body.meta.project_mapping).toEqual(exported.meta.project_mapping)
      expect(body.meta.project_stats).toEqual(exported.meta.project_stats)
      expect(body.meta.project_user).toEqual({
        name: 'User',
        avatar: 'http://localhost/epicollect/images/avatar-placeholder.png',
        role: null,
        id: null,
      })
      const extra = body.meta.project_extra
      expect(extra.project.forms).toEqual(definition.project.forms.map((f) => f.ref))
      expect(extra.project.details).toMatchObject({ slug: TREES, access: 'public' })
      const every = definition.project.forms.flatMap((f) =>
        f.inputs.flatMap((i) => [
          i.ref,
          ...[...i.group, ...i.branch].flatMap((n: { ref: string; group?: { ref: string }[] }) => [
            n.ref,
            ...(n.group ?? []).map((g) => g.ref),
          ]),
        ]),
      )
      expect(Object.keys(extra.inputs).sort()).toEqual([...every].sort())
      const tree = extra.forms[TREE_FORM]
      expect(tree?.details).toMatchObject({ name: 'Tree', type: 'hierarchy', has_location: true })
      expect(tree?.inputs.length).toBe(16)
      expect(Object.values(tree?.branch ?? {})[0]).toHaveLength(5)
      expect(Object.values(tree?.group ?? {}).map((g) => g.length)).toContain(2)
      expect(tree?.lists.location_inputs[0]?.branch_ref).toBeNull()
      expect(tree?.lists.multiple_choice_inputs.form.order).toHaveLength(4)
    },
  )

  it('answer /api/temp-media for a public project from the saved media', async () => {
    const t = await standin()
    const query = 'type=photo&format=entry_original&name=gone.jpg'
    const temp = await t.request(`/epicollect/api/temp-media/${TREES}?${query}`)
    const saved = await t.request(`/epicollect/api/media/${TREES}?${query}`)
    expect(temp.status).toBe(200)
    expect(Buffer.from(await temp.arrayBuffer())).toEqual(Buffer.from(await saved.arrayBuffer()))
  })

  it.each([
    `/api/project/${RIVER}`,
    `/api/json/project/${BIRDS}`,
    `/api/temp-media/${RIVER}?type=photo&format=entry_original&name=x.jpg`,
    `/api/media/${BIRDS}?type=photo&format=entry_original&name=x.jpg`,
    `/api/json/media/${RIVER}?type=photo&format=entry_thumb&name=x.jpg`,
    `/api/entries/${RIVER}`,
    `/api/entries/${RIVER}?form_ref=nope&page=x`,
    `/api/entries-locations/${BIRDS}?input_ref=${BIRDS_FORM}_65a502be94b3e`,
    `/api/entries-locations/${RIVER}`,
    '/api/entries/EC5-River-Watch',
    '/api/entries-locations/ec5-school-bird-count%20',
  ])('refuse the private %s with 404 ec5_77, even with a token', async (path) => {
    const t = await standin()
    const response = await t.request(`/epicollect${path}`, bearer(await token(t)))
    expect(await outcome(response)).toEqual({ status: 404, body: PRIVATE })
  })

  it.each([
    ['/api/entries/EC5-URBAN-TREES?per_page=3', `/api/entries/${TREES}?per_page=3`],
    ['/api/entries/ec5-urban-trees%20?per_page=3', `/api/entries/${TREES}?per_page=3`],
    [
      `/api/entries-locations/EC5-Urban-Trees%20%20?input_ref=${TREE_LOCATION}`,
      `/api/entries-locations/${TREES}?input_ref=${TREE_LOCATION}`,
    ],
  ])(
    'find the project of %s as the collation does, with the stored slug as id',
    async (path, canonical) => {
      const t = await standin()
      const response = await t.request(`/epicollect${path}`)
      expect(response.status).toBe(200)
      const body = (await response.json()) as { data: unknown; meta: unknown }
      const expected = (await (await t.request(`/epicollect${canonical}`)).json()) as typeof body
      expect(body.data).toEqual(expected.data)
      expect(body.meta).toEqual(expected.meta)
      expect((body.data as { id: string }).id).toBe(TREES)
    },
  )

  it.each([
    '/api/project/ec5-pilot-2019',
    '/api/project/ec5-nowhere',
    '/api/entries/ec5-pilot-2019',
    '/api/entries-locations/ec5-nowhere',
  ])('refuse %s, trashed or missing, with 404 ec5_11', async (path) => {
    const t = await standin()
    expect(await outcome(await t.request(`/epicollect${path}`))).toEqual({
      status: 404,
      body: problem('ec5_11', 'Project does not exist.', 'middleware'),
    })
  })
})
