import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { outcome, problem, standin, TREES } from './support.js'

const FORM = '2c5a07d40e0e66910bb774e3c51ca21c_66605a563420a'
const LEAF_FORM = '2c5a07d40e0e66910bb774e3c51ca21c_66605a7a39b4f'
const BRANCH = `${FORM}_66605d5a3b980`
const LOCATION = `${FORM}_66605e3d8438c`
const TAG = `${FORM}_66605df4b2ff2`
const FIRST = '18c7935f-b28c-4a46-a4bc-bf739500fa17'
const BASE = 'http://localhost/epicollect'

interface Feature {
  id: string
  type: string
  geometry: { type: string; coordinates: number[] }
  properties: Record<string, unknown>
}
interface Body {
  meta: Record<string, number | string | null>
  data: { id: string; type: string; geojson: { type: string; features: Feature[] } }
  links: Record<string, string | null>
}

/** The Tree rows in fixture order, as [uuid, location answer]. */
function treeRows(): [string, { latitude: number; longitude: number; accuracy: number }][] {
  const [table] = JSON.parse(
    readFileSync(`fixtures/epicollect/projects/${TREES}/entries.json`, 'utf8'),
  ) as { columns: string[]; rows: unknown[][] }[]
  const at = table?.columns.indexOf(LOCATION) ?? -1
  return (table?.rows ?? []).map((row) => [row[0] as string, row[at] as never])
}

async function locations(query: string): Promise<{ body: Body; text: string }> {
  const t = await standin()
  const response = await t.request(`/epicollect/api/entries-locations/${TREES}${query}`)
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toBe('application/vnd.api+json; charset=utf-8')
  const text = await response.text()
  return { body: JSON.parse(text) as Body, text }
}

describe('GET /api/entries-locations (the web app, public projects)', () => {
  it('answers a FeatureCollection of the question, in fixture order, with meta and links', async () => {
    const { body, text } = await locations(`?input_ref=${LOCATION}&per_page=2`)
    const self = `${BASE}/api/entries-locations/${TREES}?form_ref=${FORM}&parent_form_ref=&branch=&branch_ref=&branch_owner_uuid=&parent_uuid=&uuid=&input_ref=${LOCATION}&per_page=2&sort_by=created_at&sort_order=DESC&map_index=0&filter_by=&filter_from=&filter_to=&format=json&headers=true&title=&page=`
    expect(body.meta).toEqual({
      total: 36,
      per_page: 2,
      current_page: 1,
      last_page: 18,
      from: 1,
      to: 18,
      newest: '2024-12-12T20:35:40.000Z',
      oldest: '2024-06-11T15:39:42.000Z',
    })
    expect(body.links).toEqual({
      self: `${self}1`,
      first: `${self}1`,
      prev: null,
      next: `${self}2`,
      last: `${self}18`,
    })
    expect(body.data.id).toBe(TREES)
    expect(body.data.type).toBe('geojson')
    expect(body.data.geojson.type).toBe('FeatureCollection')
    expect(body.data.geojson.features[0]).toEqual({
      id: FIRST,
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [-0.144162, 51.541004] },
      properties: {
        uuid: FIRST,
        title: 'UT-1001',
        accuracy: 5,
        created_at: '2024-06-11',
        possible_answers: {
          '66605b6c85e35': 1,
          '66605bc8d19ba': 1,
          '66605c14539b5': 1,
          '66605c623813d': 1,
        },
      },
    })
    expect(text).toContain(
      `{"id":"${FIRST}","type":"Feature","geometry":{"type":"Point","coordinates":[-0.144162,51.541004]},"properties":{"uuid":"${FIRST}","title":"UT-1001","accuracy":5.0,"created_at":"2024-06-11","possible_answers":{"66605b6c85e35":1,`,
    )
  })

  it('gives every located entry once, at the fixture coordinates', async () => {
    const { body } = await locations(`?input_ref=${LOCATION}`)
    expect(body.meta).toMatchObject({ total: 36, per_page: 50000, last_page: 1 })
    expect(
      body.data.geojson.features.map((f) => [f.id, f.geometry.coordinates, f.properties.accuracy]),
    ).toEqual(treeRows().map(([uuid, at]) => [uuid, [at.longitude, at.latitude], at.accuracy]))
  })

  it('counts located entries but adds no feature for a question that is not theirs', async () => {
    const { body } = await locations(`?input_ref=${TAG}`)
    expect(body.meta.total).toBe(36)
    expect(body.data.geojson.features).toEqual([])
  })

  it.each([
    [`?form_ref=${LEAF_FORM}&input_ref=${LOCATION}`, 'a form without locations'],
    [`?branch_ref=${BRANCH}&input_ref=${LOCATION}`, 'branch entries without locations'],
  ])('answers %s (%s) with nothing and null dates', async (query) => {
    const { body } = await locations(query)
    expect(body.meta).toMatchObject({ total: 0, last_page: 1, newest: null, oldest: null })
    expect(body.data.geojson.features).toEqual([])
    expect(body.links.next).toBeNull()
  })

  it('ignores the sort and filters the entries table has', async () => {
    const plain = await locations(`?input_ref=${LOCATION}&per_page=3&page=2`)
    const sorted = await locations(
      `?input_ref=${LOCATION}&per_page=3&page=2&sort_by=title&sort_order=asc&title=zzz&filter_by=bogus`,
    )
    expect(sorted.body.data).toEqual(plain.body.data)
    expect(plain.body.data.geojson.features.map((f) => f.id)).toEqual(
      treeRows()
        .slice(3, 6)
        .map(([uuid]) => uuid),
    )
  })

  it.each([
    ['', [['ec5_243', 'Invalid input ref', 'rule-query-string']]],
    [
      '?branch_ref=nope',
      [
        ['ec5_243', 'Invalid input ref', 'rule-query-string'],
        ['ec5_99', 'Branch does not exist', 'nope'],
      ],
    ],
    ['?input_ref=nope&branch_ref=nope', [['ec5_84', 'Question does not exist.', 'nope']]],
    [`?form_ref=nope&input_ref=${LOCATION}`, [['ec5_15', 'Form does not exist.', 'nope']]],
    [`?input_ref=${LOCATION}&per_page=ten`, [['ec5_27', 'Number format incorrect.', 'per_page']]],
    [
      '?page=1.5&input_ref[]=x',
      [
        ['ec5_27', 'Number format incorrect.', 'page'],
        ['ec5_87', 'Format not matched.', 'input_ref'],
      ],
    ],
  ])('answers %s with 400 and the server codes', async (query, codes) => {
    const t = await standin()
    const response = await t.request(`/epicollect/api/entries-locations/${TREES}${query}`)
    const errors = codes.map(
      ([code, title, source]) => problem(code ?? '', title ?? '', source ?? '').errors[0],
    )
    expect(await outcome(response)).toEqual({ status: 400, body: { errors } })
  })
})
