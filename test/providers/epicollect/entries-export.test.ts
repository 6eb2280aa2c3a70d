import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  bearer,
  BIRDS,
  BIRDS_APP,
  BIRDS_FORM,
  outcome,
  problem,
  RIVER,
  RIVER_BRANCH,
  RIVER_FORM,
  RIVER_SURVEY_FORM,
  standin,
  token,
  TREES,
} from './support.js'

const TREES_FORM = '2c5a07d40e0e66910bb774e3c51ca21c_66605a563420a'
const TREE = '6e910f87-6bae-4bec-acdf-489065266d9a'
const BASE = 'http://localhost/epicollect'
const MEDIA = `${BASE}/api/media/${TREES}`

interface EntriesBody {
  meta: Record<string, number | string>
  data: { id: string; type: string; entries: Record<string, unknown>[]; mapping?: unknown }
  links: Record<string, string | null>
}

async function entries(path: string, init?: RequestInit): Promise<EntriesBody> {
  const t = await standin()
  const response = await t.request(`/epicollect/api/export/entries/${path}`, init)
  expect(response.status).toBe(200)
  return (await response.json()) as EntriesBody
}

/** The fixture rows of a table, read independently of the provider. */
function rows(slug: string, file: string, index = 0): unknown[][] {
  const tables = JSON.parse(
    readFileSync(`fixtures/epicollect/projects/${slug}/${file}`, 'utf8'),
  ) as { rows: unknown[][] }[]
  return tables[index]?.rows ?? []
}

const TREE_ENTRY = {
  ec5_uuid: TREE,
  created_at: '2024-06-27T23:11:01.769Z',
  uploaded_at: '2024-06-28T00:36:51.000Z',
  title: 'UT-1003',
  '1_Tree_tag': 'UT-1003',
  '2_Species': ['Sweetgum'],
  '3_Nombre_comn_espaol': 'Liquidámbar',
  '4_Trunk_girth_cm': 117,
  '5_Height_m': 13.7,
  '6_Condition': 'Good',
  '7_Issues': ['Root heave, pavement lifted'],
  '8_Location': {
    latitude: 51.543555,
    longitude: -0.148709,
    accuracy: 9,
    UTM_Northing: 5714126,
    UTM_Easting: 697708,
    UTM_Zone: '30U',
  },
  '10_Land_use': 'Street',
  '11_Street': 'Albert Road',
  '12_Tree_photo': `${MEDIA}?type=photo&format=entry_original&name=${TREE}_1719529861.jpg&v=1719535011`,
  '13_Canopy_video': `${MEDIA}?type=video&format=video&name=${TREE}_1719529861.mp4&v=1719535011`,
  '14_Bird_song': '',
  '15_Tag_barcode': '5012345678903',
  '16_Reporter_phone': '',
  '17_Inspections': 1,
  '25_Wildlife_seen': ['Blue tit', 'Woodpigeon', 'Bats at dusk'],
}

describe('GET /api/export/entries as JSON', () => {
  it('answers one public entry with meta, data and links exactly as the server builds them', async () => {
    const t = await standin()
    const response = await t.request(`/epicollect/api/export/entries/${TREES}?uuid=${TREE}`)
    const link = `${BASE}/api/export/entries/${TREES}?form_ref=${TREES_FORM}&parent_form_ref=&branch=&branch_ref=&branch_owner_uuid=&parent_uuid=&uuid=${TREE}&input_ref=&per_page=50&sort_by=created_at&sort_order=DESC&map_index=0&filter_by=&filter_from=&filter_to=&format=json&headers=true&title=&page=1`
    expect(await outcome(response)).toEqual({
      status: 200,
      body: {
        meta: {
          total: 1,
          per_page: 50,
          current_page: 1,
          last_page: 1,
          from: 1,
          to: 1,
          newest: '2024-06-27T23:11:01.000Z',
          oldest: '2024-06-27T23:11:01.000Z',
        },
        data: {
          id: TREES,
          type: 'entries',
          entries: [TREE_ENTRY],
          mapping: { map_name: 'EC5_AUTO', map_index: 0 },
        },
        links: { self: link, first: link, prev: null, next: null, last: link },
      },
    })
    expect(response.headers.get('content-type')).toBe('application/vnd.api+json; charset=utf-8')
  })

  it('writes the body as PHP does: meta first, unescaped slashes, non-ASCII escaped', async () => {
    const t = await standin()
    const text = await (
      await t.request(`/epicollect/api/export/entries/${TREES}?uuid=${TREE}`)
    ).text()
    expect(text.startsWith('{"meta":{"total":1,')).toBe(true)
    expect(text).toContain('"3_Nombre_comn_espaol":"Liquid\\u00e1mbar"')
    expect(text).toContain('"5_Height_m":13.7,')
    expect(text).toContain(`"self":"${BASE}/api/export/entries/`)
  })

  it('renames and hides questions and answers under a custom map', async () => {
    const body = await entries(`${TREES}?uuid=${TREE}&map_index=1`)
    const hidden = new Set(['3_Nombre_comn_espaol', '16_Reporter_phone'])
    const renamed: Record<string, string> = {
      '1_Tree_tag': 'tree_id',
      '2_Species': 'species',
      '4_Trunk_girth_cm': 'girth_cm',
      '6_Condition': 'condition',
      '17_Inspections': 'inspections',
    }
    const expected = Object.fromEntries(
      Object.entries(TREE_ENTRY)
        .filter(([key]) => !hidden.has(key))
        .map(([key, value]) => [renamed[key] ?? key, value]),
    )
    expect(body.data.entries).toEqual([expected])
    expect(Object.keys(body.data.entries[0] ?? {})).toEqual([
      'ec5_uuid',
      'created_at',
      'uploaded_at',
      'title',
      'tree_id',
      'species',
      'girth_cm',
      '5_Height_m',
      'condition',
      '7_Issues',
      '8_Location',
      '10_Land_use',
      '11_Street',
      '12_Tree_photo',
      '13_Canopy_video',
      '14_Bird_song',
      '15_Tag_barcode',
      'inspections',
      '25_Wildlife_seen',
    ])
    expect(body.data.mapping).toEqual({ map_name: 'Council export', map_index: 1 })
  })

  it('adds created_by on private projects and gives file names instead of media URLs', async () => {
    const t = await standin()
    const accessToken = await token(t, BIRDS_APP)
    const response = await t.request(
      `/epicollect/api/export/entries/${BIRDS}?uuid=82a11aad-7d8d-4067-9757-4bcd12e71cd9`,
      bearer(accessToken),
    )
    const body = (await response.json()) as EntriesBody
    expect(body.data.entries).toEqual([
      {
        ec5_uuid: '82a11aad-7d8d-4067-9757-4bcd12e71cd9',
        created_at: '2024-01-25T10:08:58.653Z',
        uploaded_at: '2024-01-25T11:13:19.000Z',
        created_by: 'riverside.teacher@example.org',
        title: 'Year 6 Wrens',
        '1_School': 'Riverside Academy',
        '2_Class': 'Year 6 Wrens',
        '3_Count_date': '25/01/2024',
        '4_Start_time': '10:08',
        '5_Weather': 'Cloudy',
        '6_Playground_locatio': {
          latitude: 53.799866,
          longitude: -1.579712,
          accuracy: 24,
          UTM_Northing: 5962190,
          UTM_Easting: 593542,
          UTM_Zone: '30U',
        },
        '7_Blackbirds_counted': 2,
        '8_House_sparrows_cou': 6,
        '9_Blue_tits_counted': 3,
        '10_Starlings_counted': 7,
        '11_Woodpigeons_count': 10,
        '12_Robins_counted': 4,
      },
    ])
    const river = await token(t)
    const visits = await t.request(
      `/epicollect/api/export/entries/${RIVER}?per_page=1`,
      bearer(river),
    )
    const [visit] = ((await visits.json()) as EntriesBody).data.entries
    expect(visit?.['13_Upstream_photo']).toBe('ec38d886-fc09-404d-a5e2-584d286a37b3_1752028635.jpg')
  })

  it('walks every page of the large form through links.next', async () => {
    const t = await standin()
    const accessToken = await token(t)
    let next: string | null = `http://localhost/epicollect/api/export/entries/${RIVER}?per_page=100`
    const seen: string[] = []
    let pages = 0
    while (next !== null) {
      const body = (await (await t.request(next, bearer(accessToken))).json()) as EntriesBody
      pages++
      expect(body.meta).toMatchObject({
        total: 1250,
        per_page: 100,
        current_page: pages,
        from: pages,
        to: 13,
        last_page: 13,
      })
      seen.push(...body.data.entries.map((e) => String(e.created_at)))
      next = body.links.next ?? null
    }
    expect(pages).toBe(13)
    expect(seen).toHaveLength(1250)
    expect(seen).toEqual([...seen].sort().reverse())
  })

  it('answers a page past the end with no entries and no mapping', async () => {
    const body = await entries(`${TREES}?page=9`)
    expect(body.meta).toEqual({
      total: 36,
      per_page: 50,
      current_page: 9,
      last_page: 1,
      from: 9,
      to: 1,
      newest: '2024-12-12T20:35:40.000Z',
      oldest: '2024-06-11T15:39:42.000Z',
    })
    expect(body.data).toEqual({ id: TREES, type: 'entries', entries: [] })
    expect(body.links.prev).toMatch(/&page=8$/)
    expect(body.links.next).toBeNull()
  })

  it('dates newest and oldest "now" on the virtual clock when nothing matches', async () => {
    const body = await entries(`${TREES}?title=no-such-tree`)
    expect(body.meta).toMatchObject({
      total: 0,
      newest: '2026-01-15T09:00:00.000Z',
      oldest: '2026-01-15T09:00:00.000Z',
    })
  })

  it('sorts by title as length then text, ascending on request', async () => {
    const body = await entries(`${TREES}?sort_by=title&sort_order=asc&per_page=3`)
    expect(body.data.entries.map((e) => e.title)).toEqual(['UT-1001', 'UT-1002', 'UT-1003'])
    expect(body.links.self).toContain('&sort_by=title&sort_order=asc&')
  })

  it('sorts by uploaded_at', async () => {
    const body = await entries(`${TREES}?sort_by=uploaded_at&per_page=36`)
    const uploaded = body.data.entries.map((e) => String(e.uploaded_at))
    expect(uploaded).toEqual([...uploaded].sort().reverse())
  })

  it('filters both bounds by whole days and a single bound by the raw value', async () => {
    const inMarch = rows(RIVER, 'entries.json').filter((r) =>
      String(r[1]).startsWith('2024-03'),
    ).length
    const t = await standin()
    const accessToken = await token(t)
    const count = async (query: string) => {
      const response = await t.request(
        `/epicollect/api/export/entries/${RIVER}?per_page=1&filter_by=created_at&${query}`,
        bearer(accessToken),
      )
      return ((await response.json()) as EntriesBody).meta.total
    }
    expect(await count('filter_from=2024-03-01&filter_to=2024-03-31')).toBe(inMarch)
    expect(await count('filter_to=2024-03-31T23:59:59.999')).toBe(inMarch)
    expect(await count('filter_to=2024-03-31')).toBeLessThan(inMarch)
  })

  it('filters titles with LIKE %value% ignoring case', async () => {
    const matching = rows(RIVER, 'entries.json').filter((r) => String(r[3]).includes('MBW')).length
    const t = await standin()
    const response = await t.request(
      `/epicollect/api/export/entries/${RIVER}?title=mbw&per_page=1`,
      bearer(await token(t)),
    )
    expect(((await response.json()) as EntriesBody).meta.total).toBe(matching)
  })

  it('answers child entries only with both parent_uuid and parent_form_ref', async () => {
    const [child] = rows(RIVER, 'entries.json', 1)
    const parent = String(child?.[1])
    const t = await standin()
    const accessToken = await token(t)
    const get = async (query: string) =>
      (await (
        await t.request(
          `/epicollect/api/export/entries/${RIVER}?form_ref=${RIVER_SURVEY_FORM}&${query}`,
          bearer(accessToken),
        )
      ).json()) as EntriesBody
    const children = await get(`parent_uuid=${parent}&parent_form_ref=${RIVER_FORM}`)
    expect(children.data.entries.map((e) => e.ec5_parent_uuid)).toContain(parent)
    expect(Object.keys(children.data.entries[0] ?? {}).slice(0, 6)).toEqual([
      'ec5_uuid',
      'ec5_parent_uuid',
      'created_at',
      'uploaded_at',
      'created_by',
      'title',
    ])
    const without = await get(`parent_uuid=${parent}`)
    expect(without.meta.total).toBe(0)
    expect(without.data).toEqual({ id: RIVER, type: 'entries', entries: [] })
  })

  it('answers branch entries with their owner, for all owners or one', async () => {
    const branchRows = rows(RIVER, 'branch-entries.json')
    const owner = String(branchRows[0]?.[1])
    const t = await standin()
    const accessToken = await token(t)
    const get = async (query: string) =>
      (await (
        await t.request(
          `/epicollect/api/export/entries/${RIVER}?branch_ref=${RIVER_BRANCH}&${query}`,
          bearer(accessToken),
        )
      ).json()) as EntriesBody
    const all = await get('per_page=1000')
    expect(all.meta.total).toBe(branchRows.length)
    expect(Object.keys(all.data.entries[0] ?? {})).toEqual([
      'ec5_branch_owner_uuid',
      'ec5_branch_uuid',
      'created_at',
      'uploaded_at',
      'created_by',
      'title',
      '15_Sample_ID',
      '16_Sample_time',
      '17_Depth',
      '18_pH',
      '19_Dissolved_oxygen_',
      '20_Sample_bottle_pho',
    ])
    const owned = await get(`branch_owner_uuid=${owner}`)
    expect(owned.meta.total).toBe(branchRows.filter((r) => r[1] === owner).length)
    expect(new Set(owned.data.entries.map((e) => e.ec5_branch_owner_uuid))).toEqual(
      new Set([owner]),
    )
    const single = await get(`uuid=${String(branchRows[0]?.[0])}`)
    expect(single.data.entries.map((e) => e.ec5_branch_uuid)).toEqual([branchRows[0]?.[0]])
  })

  it('counts branch entries in the owner entry', async () => {
    const body = await entries(`${TREES}?per_page=36`)
    const counts = new Map<unknown, number>()
    for (const r of rows(TREES, 'branch-entries.json'))
      counts.set(r[1], (counts.get(r[1]) ?? 0) + 1)
    for (const entry of body.data.entries)
      expect(entry['17_Inspections']).toBe(counts.get(entry.ec5_uuid) ?? 0)
  })
})

describe('GET /api/export/entries errors', () => {
  const bad = (code: string, title: string, source: string) => ({
    status: 400,
    body: problem(code, title, source),
  })
  it.each([
    [
      'per_page=1001',
      bad('ec5_335', 'Max allowed entries limit exceeded! Use a lower `per_page` value.', 'api'),
    ],
    [
      'per_page=1001&format=csv',
      bad('ec5_335', 'Max allowed entries limit exceeded! Use a lower `per_page` value.', 'api'),
    ],
    ['map_index=7', bad('ec5_322', 'The mapping requested does not exist', 'map_index: 7')],
    [
      'map_index=7&per_page=5000',
      bad('ec5_322', 'The mapping requested does not exist', 'map_index: 7'),
    ],
    ['page=two', bad('ec5_27', 'Number format incorrect.', 'page')],
    ['per_page=1.5', bad('ec5_27', 'Number format incorrect.', 'per_page')],
    ['map_index=first', bad('ec5_27', 'Number format incorrect.', 'map_index')],
    ['sort_by=name', bad('ec5_29', 'Value invalid.', 'sort_by')],
    ['sort_order=up', bad('ec5_29', 'Value invalid.', 'sort_order')],
    ['filter_by=title', bad('ec5_29', 'Value invalid.', 'filter_by')],
    ['format=xml', bad('ec5_29', 'Value invalid.', 'format')],
    ['headers=yes', bad('ec5_29', 'Value invalid.', 'headers')],
    ['filter_from=yesterday', bad('ec5_79', 'Date/time format incorrect', 'filter_from')],
    ['filter_to=2024-02-30', bad('ec5_79', 'Date/time format incorrect', 'filter_to')],
    ['uuid=abc', bad('ec5_43', 'Length too short', 'uuid')],
    ['parent_uuid=abc', bad('ec5_43', 'Length too short', 'parent_uuid')],
    ['form_ref=nope', bad('ec5_15', 'Form does not exist.', 'nope')],
    ['parent_form_ref=nope', bad('ec5_15', 'Form does not exist.', 'nope')],
    ['input_ref=nope', bad('ec5_84', 'Question does not exist.', 'nope')],
    ['branch_ref=nope', bad('ec5_99', 'Branch does not exist', 'nope')],
    [`form_ref=${BIRDS_FORM}`, bad('ec5_15', 'Form does not exist.', BIRDS_FORM)],
  ])('answers %s with the server error', async (query, expected) => {
    const t = await standin()
    const response = await t.request(`/epicollect/api/export/entries/${TREES}?${query}`)
    expect(await outcome(response)).toEqual(expected)
  })

  it('lists every failing parameter in rule order', async () => {
    const t = await standin()
    const response = await t.request(
      `/epicollect/api/export/entries/${TREES}?sort_by=x&page=a&uuid=1&format=pdf`,
    )
    expect(await outcome(response)).toEqual({
      status: 400,
      body: {
        errors: [
          { code: 'ec5_27', title: 'Number format incorrect.', source: 'page' },
          { code: 'ec5_43', title: 'Length too short', source: 'uuid' },
          { code: 'ec5_29', title: 'Value invalid.', source: 'sort_by' },
          { code: 'ec5_29', title: 'Value invalid.', source: 'format' },
        ],
      },
    })
  })

  it('escapes slashes in error bodies as PHP json_encode does', async () => {
    const t = await standin()
    const response = await t.request(`/epicollect/api/export/entries/${TREES}?filter_from=soon`)
    expect(await response.text()).toBe(
      '{"errors":[{"code":"ec5_79","title":"Date\\/time format incorrect","source":"filter_from"}]}',
    )
  })

  it('needs form_ref for a branch of a child form, as the first form is the default', async () => {
    const t = await standin()
    const response = await t.request(
      `/epicollect/api/export/entries/${TREES}?branch_ref=${RIVER_BRANCH}`,
    )
    expect(await outcome(response)).toEqual({
      status: 400,
      body: problem('ec5_99', 'Branch does not exist', RIVER_BRANCH),
    })
  })

  it('accepts per_page up to the configured maximum', async () => {
    const t = await standin({ perPageMax: 500 })
    expect((await t.request(`/epicollect/api/export/entries/${TREES}?per_page=500`)).status).toBe(
      200,
    )
    expect((await t.request(`/epicollect/api/export/entries/${TREES}?per_page=501`)).status).toBe(
      400,
    )
  })
})

describe('GET /api/export/entries as CSV', () => {
  it('sends the header row and fputcsv rows as text/html', async () => {
    const t = await standin()
    const response = await t.request(
      `/epicollect/api/export/entries/${TREES}?uuid=${TREE}&format=csv`,
    )
    expect(response.headers.get('content-type')).toBe('text/html; charset=UTF-8')
    expect(await response.text()).toBe(
      [
        'ec5_uuid,created_at,uploaded_at,title,1_Tree_tag,2_Species,3_Nombre_comn_espaol,4_Trunk_girth_cm,5_Height_m,6_Condition,7_Issues,lat_8_Location,long_8_Location,accuracy_8_Location,UTM_Northing_8_Location,UTM_Easting_8_Location,UTM_Zone_8_Location,10_Land_use,11_Street,12_Tree_photo,13_Canopy_video,14_Bird_song,15_Tag_barcode,16_Reporter_phone,17_Inspections,25_Wildlife_seen',
        `${TREE},2024-06-27T23:11:01.769Z,2024-06-28T00:36:51.000Z,UT-1003,UT-1003,Sweetgum,Liquidámbar,117,13.7,Good,"""Root heave, pavement lifted""",51.543555,-0.148709,9,5714126,697708,30U,Street,"Albert Road",${TREE_ENTRY['12_Tree_photo']},${TREE_ENTRY['13_Canopy_video']},,5012345678903,,1,"Blue tit, Woodpigeon, Bats at dusk"`,
        '',
      ].join('\n'),
    )
  })

  it('repeats the header row on every page and drops it with headers=false', async () => {
    const t = await standin()
    const page = async (query: string) =>
      (
        await (
          await t.request(`/epicollect/api/export/entries/${TREES}?format=csv&per_page=20&${query}`)
        ).text()
      ).split('\n')
    const [first, second, bare] = [
      await page('page=1'),
      await page('page=2'),
      await page('page=2&headers=false'),
    ]
    expect(first[0]).toMatch(/^ec5_uuid,created_at,uploaded_at,title,/)
    expect(second[0]).toBe(first[0])
    expect(first).toHaveLength(22)
    expect(second).toHaveLength(18)
    expect(bare).toEqual(second.slice(1))
  })

  it('adds created_by and the branch uuid columns for private branch entries', async () => {
    const t = await standin()
    const response = await t.request(
      `/epicollect/api/export/entries/${RIVER}?format=csv&per_page=1&branch_ref=${RIVER_BRANCH}`,
      bearer(await token(t)),
    )
    const [header] = (await response.text()).split('\n')
    expect(header).toBe(
      'ec5_branch_owner_uuid,ec5_branch_uuid,created_at,uploaded_at,created_by,title,15_Sample_ID,16_Sample_time,17_Depth,18_pH,19_Dissolved_oxygen_,20_Sample_bottle_pho',
    )
  })
})
