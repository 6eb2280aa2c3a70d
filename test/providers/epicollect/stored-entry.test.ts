import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { MemoryFixtureStore } from '../../../src/core/fixtures.js'
import { createTestStandin, type TestStandin } from '../../../src/testing/index.js'

const REF = 'f'.repeat(32)
const FORM = `${REF}_form`
const q = (name: string) => `${FORM}_${name}`
const [TAG, COUNT, KIND, SEEN, WHERE, NOTE] = [
  q('tag'),
  q('count'),
  q('kind'),
  q('seen'),
  q('where'),
  q('note'),
]
const E1 = '00000000-0000-4000-8000-000000000001'
const E2 = '00000000-0000-4000-8000-000000000002'
const E3 = '00000000-0000-4000-8000-000000000003'
const BLANK = { latitude: '', longitude: '', accuracy: '' }
const ROWS: unknown[][] = [
  [
    E1,
    '2025-03-01T10:00:00.000Z',
    '2025-03-01 11:00:00',
    'P1',
    'b@example.org',
    'P1',
    7,
    'k1',
    ['s2', 'zz'],
    { latitude: 52, longitude: 0.1234567, accuracy: 4.5 },
    1.5,
  ],
  [
    E2,
    '2025-03-02T10:00:00.000Z',
    '2025-03-02 11:00:00',
    null,
    'a@example.org',
    null,
    null,
    null,
    null,
    BLANK,
    null,
  ],
  [
    E3,
    '2025-03-03T10:00:00.000Z',
    '2025-03-03 11:00:00',
    'P3',
    'b@example.org',
    'P3',
    3,
    '',
    [],
    null,
    '2',
  ],
]

/** A public one-form project with no branches, made for the stored-entry edge cases. */
async function plot(): Promise<TestStandin> {
  const answers = (refs: string[]) => refs.map((ref) => ({ answer: ref, answer_ref: ref }))
  const files: Record<string, string> = {
    'epicollect/oauth-private.key': readFileSync('fixtures/epicollect/oauth-private.key', 'utf8'),
    'epicollect/oauth-public.key': readFileSync('fixtures/epicollect/oauth-public.key', 'utf8'),
    'epicollect/projects/ec5-plot/project.json': JSON.stringify({
      updated_at: '2025-01-01 00:00:00',
      structure_last_updated: '2025-02-03 04:05:06',
      definition: {
        id: REF,
        type: 'project',
        project: {
          ref: REF,
          name: 'EC5 Plot',
          slug: 'ec5-plot',
          access: 'public',
          status: 'active',
          created_at: '2025-01-01 00:00:00',
          forms: [
            {
              ref: FORM,
              name: 'Plot',
              inputs: [
                { ref: TAG, type: 'text', question: 'Tag', is_title: true },
                { ref: `${FORM}_intro`, type: 'readme', question: 'Read me' },
                { ref: COUNT, type: 'integer', question: 'Count' },
                { ref: KIND, type: 'radio', question: 'Kind', possible_answers: answers(['k1']) },
                {
                  ref: SEEN,
                  type: 'checkbox',
                  question: 'Seen',
                  possible_answers: answers(['s1', 's2']),
                },
                { ref: WHERE, type: 'location', question: 'Where' },
                { ref: NOTE, type: 'decimal', question: 'Note' },
              ],
            },
          ],
        },
      },
    }),
    'epicollect/projects/ec5-plot/entries.json': JSON.stringify([
      {
        form_ref: FORM,
        columns: [
          'uuid',
          'created_at',
          'uploaded_at',
          'title',
          'created_by',
          TAG,
          COUNT,
          KIND,
        ].concat([SEEN, WHERE, NOTE]),
        rows: ROWS,
      },
    ]),
  }
  return createTestStandin({ fixtures: new MemoryFixtureStore(files) })
}

describe('the stored entry JSON rebuilt from fixture answers', () => {
  it('stores what validation keeps and derives what the fixture lacks', async () => {
    const t = await plot()
    const text = await (await t.request(`/epicollect/api/entries/ec5-plot?sort_order=asc`)).text()
    const entries = (JSON.parse(text) as { data: { entries: Record<string, unknown>[] } }).data
      .entries
    expect(entries.map((e) => (e.entry as { answers: unknown }).answers)).toEqual([
      {
        [TAG]: { answer: 'P1', was_jumped: false },
        [KIND]: { answer: 'k1', was_jumped: false },
        [NOTE]: { answer: '1.5', was_jumped: false },
        [SEEN]: { answer: ['s2', 'zz'], was_jumped: false },
        [COUNT]: { answer: '7', was_jumped: false },
        [WHERE]: {
          answer: { accuracy: 5, latitude: 52, longitude: 0.123457 },
          was_jumped: false,
        },
      },
      {
        [TAG]: { answer: '', was_jumped: false },
        [KIND]: { answer: '', was_jumped: false },
        [NOTE]: { answer: '', was_jumped: false },
        [SEEN]: { answer: [], was_jumped: false },
        [COUNT]: { answer: '', was_jumped: false },
        [WHERE]: { answer: { accuracy: '', latitude: '', longitude: '' }, was_jumped: false },
      },
      {
        [TAG]: { answer: 'P3', was_jumped: false },
        [KIND]: { answer: '', was_jumped: false },
        [NOTE]: { answer: '2', was_jumped: false },
        [SEEN]: { answer: [], was_jumped: false },
        [COUNT]: { answer: '3', was_jumped: false },
        [WHERE]: { answer: { accuracy: '', latitude: '', longitude: '' }, was_jumped: false },
      },
    ])
    expect(text).toContain('{"accuracy":5.0,"latitude":52.0,"longitude":0.123457}')
    expect(entries.map((e) => (e.entry as { title: string }).title)).toEqual(['P1', E2, 'P3'])
    expect(entries.map((e) => (e.entry as { project_version: string }).project_version)).toEqual(
      Array(3).fill('2025-02-03 04:05:06'),
    )
    // One form and no branch entries: the counts were never written.
    expect(entries.map((e) => e.attributes)).toEqual(
      Array(3).fill({
        form: { ref: FORM, type: 'hierarchy' },
        branch_counts: null,
        child_counts: 0,
      }),
    )
    expect(
      entries.map((e) => (e.relationships as { user: { data: { id: number } } }).user.data.id),
    ).toEqual([1, 2, 1])
  })

  it('maps only entries with a location, with the picked answers the question offers', async () => {
    const t = await plot()
    const response = await t.request(
      `/epicollect/api/entries-locations/ec5-plot?input_ref=${WHERE}`,
    )
    const text = await response.text()
    const body = JSON.parse(text) as {
      meta: Record<string, unknown>
      data: { geojson: { features: { id: string; properties: Record<string, unknown> }[] } }
    }
    expect(body.meta).toMatchObject({
      total: 1,
      newest: '2025-03-01T10:00:00.000Z',
      oldest: '2025-03-01T10:00:00.000Z',
    })
    expect(body.data.geojson.features).toEqual([
      {
        id: E1,
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [0.123457, 52] },
        properties: {
          uuid: E1,
          title: 'P1',
          accuracy: 5,
          created_at: '2025-03-01',
          possible_answers: { k1: 1, s2: 1 },
        },
      },
    ])
    expect(text).toContain('"coordinates":[0.123457,52.0]')
  })
})
