import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { METHOD_NOT_ALLOWED, outcome, problem, standin, TREES } from './support.js'

const FORM = '2c5a07d40e0e66910bb774e3c51ca21c_66605a563420a'
const LEAF_FORM = '2c5a07d40e0e66910bb774e3c51ca21c_66605a7a39b4f'
const BRANCH = `${FORM}_66605d5a3b980`
const TREE = '6e910f87-6bae-4bec-acdf-489065266d9a'
const INSPECTION = 'f36b10ed-979a-4bf3-8291-67d9343615fa'
const LEAF = 'ec27d53f-0565-469e-950d-91e0966796a7'
const BASE = 'http://localhost/epicollect'

interface Entry {
  id: string
  type: string
  entry?: { answers: Record<string, unknown>; entry_uuid: string }
  branch_entry?: { answers: Record<string, unknown>; entry_uuid: string }
  attributes: Record<string, unknown>
  relationships: Record<string, unknown>
}
interface Body {
  meta: Record<string, number | string>
  data: { id: string; type: string; entries: Entry[] }
  links: Record<string, string | null>
}

const a = (answer: unknown) => ({ answer, was_jumped: false })
const q = (suffix: string) => `${FORM}_${suffix}`

/** Every question of the Tree form has an answer, keys sorted as the MySQL JSON column sorts them. */
const TREE_ENTRY = {
  id: TREE,
  type: 'entry',
  entry: {
    title: 'UT-1003',
    answers: {
      [q('66605a8274723')]: a(['66605b895009b']),
      [q('66605ba2c449a')]: a('66605bc8d19ba'),
      [q('66605bef3bd7e')]: a(['66605c15eac50']),
      [q('66605ce68c0b0')]: a(['66605cfb7b173', '66605d201cdab', '66605d5968d3c']),
      [q('66605d5a3b980')]: a(''),
      [q('66605df4b2ff2')]: a('UT-1003'),
      [q('66605e0c13a4d')]: a('117'),
      [q('66605e1ee355f')]: a('13.7'),
      [q('66605e3d8438c')]: a({ accuracy: 9, latitude: 51.543555, longitude: -0.148709 }),
      [q('66605e5d67f9e')]: a(`${TREE}_1719529861.jpg`),
      [q('66605e7c3a2fe')]: a(`${TREE}_1719529861.mp4`),
      [q('66605e83bf355')]: a(''),
      [q('66605ea1f2c75')]: a('5012345678903'),
      [q('66605eab7d7c0')]: a(''),
      [q('66605ec79abeb')]: a('Liquidámbar'),
      [q('66605c397b443_66605c4a64ea0')]: a('66605c623813d'),
      [q('66605c397b443_66605cc5afa76')]: a('Albert Road'),
    },
    created_at: '2024-06-27T23:11:01.769Z',
    entry_uuid: TREE,
    project_version: '2024-06-20 16:45:12',
    uploaded_at: '2024-06-28T00:36:51.000Z',
  },
  attributes: {
    form: { ref: FORM, type: 'hierarchy' },
    branch_counts: { [BRANCH]: 1 },
    child_counts: 1,
  },
  relationships: {
    branch: { data: { owner_input_ref: '', owner_entry_uuid: '' } },
    parent: { data: { parent_form_ref: '', parent_entry_uuid: '' } },
    user: { data: { id: 0 } },
  },
}

function link(params: Record<string, string>, page: number): string {
  const all: Record<string, string> = {
    form_ref: FORM,
    parent_form_ref: '',
    branch: '',
    branch_ref: '',
    branch_owner_uuid: '',
    parent_uuid: '',
    uuid: '',
    input_ref: '',
    per_page: '50',
    sort_by: 'created_at',
    sort_order: 'DESC',
    map_index: '0',
    filter_by: '',
    filter_from: '',
    filter_to: '',
    format: 'json',
    headers: 'true',
    title: '',
    ...params,
  }
  const query = Object.entries(all).map(([k, v]) => `${k}=${v}`)
  return `${BASE}/api/entries/${TREES}?${query.join('&')}&page=${String(page)}`
}

async function view(query: string): Promise<Body> {
  const t = await standin()
  const response = await t.request(`/epicollect/api/entries/${TREES}${query}`)
  expect(response.status).toBe(200)
  return (await response.json()) as Body
}

function fixtureUuids(file: string, index = 0): string[] {
  const tables = JSON.parse(
    readFileSync(`fixtures/epicollect/projects/${TREES}/${file}`, 'utf8'),
  ) as { rows: string[][] }[]
  return (tables[index]?.rows ?? []).map((row) => row[0] ?? '')
}

describe('GET /api/entries (the web app, public projects)', () => {
  it('answers one entry as the stored entry JSON, with meta and links', async () => {
    const t = await standin()
    const response = await t.request(`/epicollect/api/entries/${TREES}?uuid=${TREE}`)
    const self = link({ uuid: TREE }, 1)
    expect(response.headers.get('content-type')).toBe('application/vnd.api+json; charset=utf-8')
    const text = await response.text()
    const exported = (await (
      await t.request(`/epicollect/api/export/entries/${TREES}?uuid=${TREE}`)
    ).json()) as Body
    expect(exported.meta).toMatchObject({ total: 1, newest: '2024-06-27T23:11:01.000Z' })
    expect(JSON.parse(text)).toEqual({
      meta: exported.meta,
      data: { id: TREES, type: 'entries', entries: [TREE_ENTRY] },
      links: { self, first: self, prev: null, next: null, last: self },
    })
    // Key order and PHP's encoding: floats keep `.0`, non-ASCII is escaped, slashes are not.
    expect(text).toContain(
      `{"id":"${TREE}","type":"entry","entry":{"title":"UT-1003","answers":{"${q('66605a8274723')}"`,
    )
    expect(text).toContain('{"accuracy":9.0,"latitude":51.543555,"longitude":-0.148709}')
    expect(text).toContain('"Liquid\\u00e1mbar"')
    expect(text).toContain(`"links":{"self":"${BASE}/api/entries/`)
  })

  it('pages the form newest first and walks to the end through links.next', async () => {
    const t = await standin()
    let next: string | null = `${BASE}/api/entries/${TREES}?per_page=10`
    const seen: string[] = []
    const pages: number[] = []
    while (next !== null) {
      const body = (await (await t.request(next)).json()) as Body
      pages.push(Number(body.meta.current_page))
      expect(body.meta).toMatchObject({ total: 36, per_page: 10, last_page: 4 })
      seen.push(...body.data.entries.map((e) => e.id))
      next = body.links.next ?? null
    }
    expect(pages).toEqual([1, 2, 3, 4])
    expect(new Set(seen).size).toBe(36)
    expect([...seen].sort()).toEqual(fixtureUuids('entries.json').sort())
  })

  it('answers a child entry with its parent and no branch counts of its own', async () => {
    const body = await view(`?form_ref=${LEAF_FORM}&parent_form_ref=${FORM}&parent_uuid=${TREE}`)
    expect(body.data.entries.map((e) => e.id)).toEqual([LEAF])
    expect(body.data.entries[0]).toMatchObject({
      attributes: {
        form: { ref: LEAF_FORM, type: 'hierarchy' },
        branch_counts: [],
        child_counts: 0,
      },
      relationships: { parent: { data: { parent_form_ref: FORM, parent_entry_uuid: TREE } } },
    })
  })

  it('answers branch entries as branch_entry objects with their owner', async () => {
    const body = await view(`?branch_ref=${BRANCH}&branch_owner_uuid=${TREE}`)
    expect(body.meta.total).toBe(1)
    const [entry] = body.data.entries
    expect(Object.keys(entry ?? {})).toEqual([
      'id',
      'type',
      'attributes',
      'branch_entry',
      'relationships',
    ])
    expect(entry).toMatchObject({
      id: INSPECTION,
      type: 'branch_entry',
      attributes: { form: { ref: FORM, type: 'hierarchy' } },
      branch_entry: {
        title: INSPECTION,
        entry_uuid: INSPECTION,
        created_at: '2024-09-08T23:11:01.769Z',
        uploaded_at: '2024-09-09T00:11:01.000Z',
      },
      relationships: {
        branch: { data: { owner_input_ref: BRANCH, owner_entry_uuid: TREE } },
        parent: { data: { parent_form_ref: '', parent_entry_uuid: '' } },
        user: { data: { id: 0 } },
      },
    })
    expect(Object.keys(entry?.branch_entry?.answers ?? {})).toHaveLength(6)
    const all = await view(`?branch_ref=${BRANCH}&per_page=100`)
    expect(all.meta.total).toBe(52)
    expect(all.data.entries.map((e) => e.id).sort()).toEqual(
      fixtureUuids('branch-entries.json').sort(),
    )
  })

  it('has neither the mapping check nor the per_page cap of the export', async () => {
    const body = await view('?map_index=7&per_page=5000&format=csv')
    expect(body.meta).toMatchObject({ total: 36, per_page: 5000, last_page: 1 })
    expect(body.data.entries).toHaveLength(36)
    expect(Object.keys(body.data)).toEqual(['id', 'type', 'entries'])
  })

  it('sorts and filters as the export does', async () => {
    const body = await view('?sort_by=title&sort_order=asc&title=UT-100&per_page=3')
    expect(body.data.entries.map((e) => (e.entry as { title?: string }).title)).toEqual([
      'UT-1001',
      'UT-1002',
      'UT-1003',
    ])
    expect(body.meta.total).toBe(9)
  })

  it.each([
    ['?page=x', [problem('ec5_27', 'Number format incorrect.', 'page').errors[0]]],
    ['?sort_by=size', [problem('ec5_29', 'Value invalid.', 'sort_by').errors[0]]],
    ['?form_ref=nope', [problem('ec5_15', 'Form does not exist.', 'nope').errors[0]]],
    ['?input_ref=nope', [problem('ec5_84', 'Question does not exist.', 'nope').errors[0]]],
    ['?branch_ref=nope', [problem('ec5_99', 'Branch does not exist', 'nope').errors[0]]],
  ])('answers %s with 400 and the server code', async (query, errors) => {
    const t = await standin()
    const response = await t.request(`/epicollect/api/entries/${TREES}${query}`)
    expect(await outcome(response)).toEqual({ status: 400, body: { errors } })
  })

  it.each(['entries', 'entries-locations'])(
    'answers other methods on /api/%s with 422 and a preflight with 200',
    async (route) => {
      const t = await standin()
      const path = `/epicollect/api/${route}/${TREES}`
      expect(await outcome(await t.request(path, { method: 'POST' }))).toEqual({
        status: 422,
        body: METHOD_NOT_ALLOWED,
      })
      const preflight = await t.request(path, { method: 'OPTIONS' })
      expect([preflight.status, preflight.headers.get('allow')]).toEqual([200, 'GET,HEAD'])
      const head = await t.request(path, { method: 'HEAD' })
      expect(head.status).toBe(route === 'entries' ? 200 : 400)
    },
  )
})
